/**
 * Server-side payment methods: plain objects that say where they are offered and how an attempt runs.
 */
import type {
  BrowserData,
  MethodField,
  MethodIcon,
  NextAction,
  OrderKind,
  SavedCard,
  ShopperFields,
  StartTheme,
} from '../../src/contract/schemas.ts';
import type { Config } from '../config.ts';
import type { OrderService } from '../orders/service.ts';
import type { Store } from '../store/store.ts';
import type { OrderRecord, TransactionRecord } from '../store/types.ts';
import type { Clock, Logger, ProviderName } from '../types.ts';

/** What a method needs to run an attempt; `R` is its provider's runtime (see server/providers/registry.ts). */
export interface MethodContext<R = unknown> {
  order: OrderRecord;
  config: Config;
  orders: OrderService;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The shopper's IP (design §3 Rules: from the connection, or X-Forwarded-For when trusted). */
  ip: string;
  /** The method's provider's runtime (its client); reading it when the provider is not configured throws a 409. */
  provider: R;
}

/** What `POST /api/checkout/start` carried besides the method and its fields (design §3 `start`). */
export interface StartRequest {
  browserData?: BrowserData | undefined;
  theme?: StartTheme | undefined;
  savedCardId?: string | undefined;
}

/** A payment method as the server sees it; a provider module registers it (`R`: that provider's runtime). */
export interface ServerMethod<R = unknown> {
  id: string;
  label: string;
  /** The method's kind: its generic icon and hint in the picker (design §2 Methods). */
  icon: MethodIcon;
  provider: ProviderName;
  /** `sdk`: started on selection, paid in the browser through the provider SDK (design §3 `start`). */
  flow: 'sdk' | 'server';
  /** The flow for this order when it depends on the order (Odeon's card flows); `flow` otherwise. */
  flowFor?(order: OrderRecord, runtime: R): 'sdk' | 'server';
  kinds: readonly OrderKind[];
  /**
   * Pays out to cards: a payout order offers one such method, the one its `methods` names, else the
   * one of `KASSA_CARD_PAYOUTS`'s provider (design §3 env).
   */
  cardPayout?: boolean;
  /**
   * Its provider has no way to report the result of a pending transaction (no status query, no
   * notification): the merchant settles it with `POST /api/orders/:id/settle` (design §3).
   */
  settledByMerchant?: boolean;
  /**
   * Fields the widget sends in another form (OCT's card number arrives encrypted as
   * `encryptedCardNumber`): the start route's required and pattern checks skip them, and the method's
   * `checkStart` checks what stands for them.
   */
  checkedByMethod?: readonly MethodField['name'][];
  /** The form fields for this order, or null when the method is not offered for it. */
  fields(order: OrderRecord, runtime: R): MethodField[] | null;
  /**
   * The customer's saved cards for this order (`CheckoutMethod.savedCards`, payouts): opaque ids and
   * masked labels only. A method without it refuses `savedCardId`.
   */
  savedCards?(ctx: MethodContext<R>): Promise<SavedCard[]>;
  /**
   * Checks a `start` before anything is recorded (no attempt, no payout claim): throws a 400 naming
   * what is wrong, so a refused request never holds the order's payout.
   */
  checkStart?(ctx: MethodContext<R>, fields: ShopperFields | undefined, request: StartRequest): Promise<void>;
  /** Starts an attempt recorded as `tx` and answers the next action. */
  start(
    ctx: MethodContext<R>,
    tx: TransactionRecord,
    fields: ShopperFields | undefined,
    request: StartRequest,
  ): Promise<NextAction>;
  /**
   * `sdk` methods: the same `sdk` action again for an earlier attempt `tx` of this method while its
   * provider session is still valid, or null when a new attempt is needed (design §3 `start`).
   */
  resume?(ctx: MethodContext<R>, tx: TransactionRecord): NextAction | null;
  /** Handles what the browser learned (e.g. the Web SDK callback) after confirming with the provider. */
  complete(
    ctx: MethodContext<R>,
    tx: TransactionRecord,
    result: Record<string, unknown>,
  ): Promise<NextAction>;
  /**
   * Refunds (part of) a succeeded payment of this method (design §3 `POST /api/orders/:id/refunds`).
   * Absent when the method's provider offers no refund: the route answers 409 `REFUND_UNSUPPORTED`.
   * Called once `refund` (kind `refund`, status `pending`, its amount and currency set) is written
   * and counted against what is left; the method asks its provider and applies what it learns
   * through `ctx.orders` (`settle`, `saveTransaction`: the provider's refund id). A provider that
   * refused ends the refund `failed` and throws the HttpError the merchant gets; a provider that did
   * not answer leaves it `pending` for the reconciliation and the provider's notification.
   * `full`: the whole payment of a payment with no refund that has not failed.
   */
  refund?(
    ctx: MethodContext<R>,
    payment: TransactionRecord,
    refund: TransactionRecord,
    options: { full: boolean },
  ): Promise<void>;
  /** How long an attempt may stay pending before it ends as expired (the provider's own window). */
  attemptWindowMs?: number;
}

/** Identity helper that keeps method objects typed. */
export function defineMethod<R>(method: ServerMethod<R>): ServerMethod<R> {
  return method;
}
