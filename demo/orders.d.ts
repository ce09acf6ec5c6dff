/** Types of demo/orders.js (plain JavaScript served as-is), for the tests that import it. */

/** How the demo mounted the widget for an order. */
export interface RememberedOrder {
  clientToken: string;
  locale: string;
  accent: string;
}

/** The widget's locales the demo offers, by code. */
export declare const LOCALES: Readonly<Record<string, string>>;

/** Remembers an order's client token (and how the widget was mounted) for this browser tab. */
export declare function rememberOrder(storage: Storage, orderId: string, order: RememberedOrder): void;

/** The remembered mount options of an order, or null when this tab did not create it. */
export declare function rememberedOrder(storage: Storage, orderId: string): RememberedOrder | null;

/** The order a shopper came back for (null when the page was not a return). */
export declare function returnedOrder(
  search: string,
  storage: Storage,
): { orderId: string; status: string; saved: RememberedOrder | null } | null;

/** The ids of the orders this tab created, newest first. */
export declare function rememberedOrderIds(storage: Storage): string[];
