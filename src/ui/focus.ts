const focused = new WeakSet<Element>();

/**
 * A `ref` that focuses its element once, when it first appears: the heading or status of the screen
 * that follows the shopper's action (design §2: focus never falls back to `<body>`). Pass it only
 * when the shopper caused the change (`m.touched`), never on page load. One stable function, so Preact
 * calls it on mount only, not on every render; no hooks, so the initial views can use it too.
 */
export function focusOnce(element: Element | null): void {
  if (!(element instanceof HTMLElement) || focused.has(element)) return;
  focused.add(element);
  element.focus({ preventScroll: false });
}
