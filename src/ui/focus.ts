const focused = new WeakSet<Element>();

/**
 * A `ref` that focuses its element once, when it first appears: the heading or status of the screen
 * that follows the shopper's action (design §2: focus never falls back to `<body>`). Pass it only
 * when the shopper caused the change (`m.touched`), never on page load. It leaves focus alone when the
 * shopper is busy elsewhere on the merchant's page (focus neither in the widget nor lost to `<body>`).
 * One stable function, so Preact calls it on mount only, not on every render; no hooks, so the
 * initial views can use it too.
 */
export function focusOnce(element: Element | null): void {
  if (!(element instanceof HTMLElement) || focused.has(element)) return;
  focused.add(element);
  moveFocus(element);
}

/** Focuses `element` unless the shopper is busy elsewhere on the merchant's page (see `focusOnce`). */
export function moveFocus(element: HTMLElement): void {
  const doc = element.ownerDocument;
  const root = element.getRootNode();
  const host = root instanceof ShadowRoot ? root.host : null;
  const active = doc.activeElement;
  if (active && active !== doc.body && active !== host) return;
  element.focus();
}
