/** Start of the console message the probe logs at TTI, followed by the time in ms. */
export const TTI_MESSAGE = 'kassa-tti ';

/**
 * Time to interactive of a payment-method picker, measured inside the page: the first moment a
 * radio group named "Payment method" exists (in the document or any shadow root) and one of its
 * radios takes keyboard focus. Runs as a Playwright init script, so it is in place before the
 * page's own scripts; `performance.now()` counts from navigation start. It reports the time as
 * `window.kassaTti` and as a console message (`message` + ms), which the bench waits for: polling
 * the page instead (`waitForFunction`) makes Playwright inject and run its own script in the page
 * while the widget loads, on the same main thread, which delayed the widget's TTI by tens of ms.
 */
export function installTtiProbe(message: string): void {
  const w = window as unknown as { kassaTti?: number; kassaTtiRadio?: Element };
  const roots: (Document | ShadowRoot)[] = [document];

  // Shadow roots are invisible to a document-level MutationObserver: watch each one as it is made.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    return root;
  };

  const nameOf = (group: Element, root: Document | ShadowRoot): string => {
    const label = group.getAttribute('aria-label');
    if (label) return label;
    const ids = group.getAttribute('aria-labelledby');
    if (ids)
      return ids
        .split(/\s+/)
        .map((id) => root.getElementById?.(id)?.textContent ?? '')
        .join(' ');
    return group.querySelector('legend')?.textContent ?? '';
  };

  const deepActive = (): Element | null => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };

  const check = () => {
    if (w.kassaTti !== undefined) return;
    for (const root of roots) {
      for (const group of root.querySelectorAll('[role="radiogroup"]')) {
        if (nameOf(group, root).trim() !== 'Payment method') continue;
        const radio = group.querySelector<HTMLElement>('input[type="radio"]:not(:disabled), [role="radio"]');
        if (!radio) continue;
        radio.focus();
        if (deepActive() !== radio) continue;
        w.kassaTti = performance.now();
        w.kassaTtiRadio = radio;
        observer.disconnect();
        console.debug(message + w.kassaTti);
        return;
      }
    }
  };

  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  // Style changes (adopted stylesheets) are not mutations: look once a frame as well.
  const frame = () => {
    check();
    if (w.kassaTti === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Source text that calls `fn(arg)` in the page. tsx compiles with esbuild's keepNames, which wraps
 * inner functions in `__name(…)`, a helper the page does not have: define a stand-in around it.
 */
export function pageCall(fn: (arg: never) => unknown, arg?: unknown): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg ?? null)}); })()`;
}

/** The probe as init-script source. */
export const TTI_PROBE_SOURCE = pageCall(installTtiProbe, TTI_MESSAGE);

/** Where a widget load spends its time, in ms from navigation start (read in the page after TTI). */
export interface Milestones {
  /** The merchant page's HTML received. */
  html: number;
  /** The last widget script (`/widget/…`) received before TTI. */
  scripts: number;
  /** `GET /api/checkout` answered. */
  api: number;
}

/** Page function: milestones from Navigation and Resource Timing (cross-origin entries still carry responseEnd). */
export function readMilestones(tti: number): Milestones {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const ends = (test: (url: string) => boolean) =>
    resources.filter((r) => test(r.name) && r.responseEnd <= tti).map((r) => r.responseEnd);
  return {
    html: nav?.responseEnd ?? 0,
    scripts: Math.max(0, ...ends((url) => url.includes('/widget/'))),
    api: Math.max(0, ...ends((url) => url.includes('/api/checkout'))),
  };
}
