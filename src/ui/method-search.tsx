import { type Signal, signal } from '@preact/signals-core';
import type { CheckoutMethod } from '../contract/checkout.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import type { WidgetContext } from './context.ts';
import { focusOnce } from './focus.ts';
import { methodRadio } from './method-radio.tsx';

/**
 * How long typing must pause before the number of matches is announced: a screen reader would
 * otherwise read a count for every keystroke of a burst (design §2 "Many methods").
 */
export const ANNOUNCE_DELAY_MS = 500;

/** The full list's scroll box reaches this far past the radios, so their focus ring is never clipped. */
const RING_PX = 5;

// The lazy part of the picker's styles (styles.ts has the rest, the "Show all" button included). The
// field is exactly as tall as the one-line button it replaces (line, padding, border), so nothing moves.
const searchCss = `
.kassa-search{position:relative}
.kassa-search svg{position:absolute;left:.75rem;top:50%;width:1.25em;height:1.25em;transform:translateY(-50%);fill:none;stroke:var(--m);stroke-width:2;stroke-linecap:round;pointer-events:none}
.kassa-search input{display:block;width:100%;height:calc(1.5em + 1.25rem + 2px);margin:0;font:inherit;color:inherit;background:var(--bg);padding:.625rem 1rem .625rem 2.5rem;border:1px solid var(--b);border-radius:var(--r);-webkit-appearance:none;appearance:none}
.kassa-search input::placeholder{color:var(--m);opacity:1}
.kassa-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.kassa-all{overflow-y:auto;overscroll-behavior:contain;padding:${RING_PX}px;margin:-${RING_PX}px}
`;

/** A name as matched: lower case and without accents ("Caixa Econômica" → "caixa economica"). */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The methods whose name contains `query`, ignoring case and accents, in the server's order. */
export function matchMethods(methods: readonly CheckoutMethod[], query: string): readonly CheckoutMethod[] {
  const folded = foldName(query.trim());
  return folded ? methods.filter(({ label }) => foldName(label).includes(folded)) : methods;
}

/** A widget's search: the query, the last announced count and the pending announcement. */
interface Search {
  query: Signal<string>;
  announced: Signal<string>;
  timer?: ReturnType<typeof setTimeout>;
}
const searches = new WeakMap<CheckoutMachine, Search>();

function searchOf(m: CheckoutMachine): Search {
  const known = searches.get(m);
  if (known) return known;
  const search: Search = { query: signal(''), announced: signal('') };
  m.deps.signal.addEventListener('abort', () => clearTimeout(search.timer), { once: true });
  searches.set(m, search);
  return search;
}

/** Filters at once; announces the number of matches once typing pauses. */
function setQuery({ m, t }: WidgetContext, search: Search, query: string): void {
  search.query.value = query;
  clearTimeout(search.timer);
  search.timer = setTimeout(() => {
    const count = matchMethods(m.checkout.value?.methods ?? [], query).length;
    const key = count === 0 ? 'found_none' : count === 1 ? 'found_one' : 'found_other';
    search.announced.value = t(key, { count: String(count) });
  }, ANNOUNCE_DELAY_MS);
}

/** Per shadow root: this chunk's styles and the height of the list's scroll box. */
const sheets = new WeakMap<ShadowRoot, { sheet: CSSStyleSheet; height: number }>();

/**
 * Adopts the styles before the first paint of the search (a constructed stylesheet, like
 * use-styles.ts, without hooks) with the scroll box as tall as the collapsed list was.
 */
function adoptStyles(root: ShadowRoot | null, height: number): void {
  if (!root) return;
  const known = sheets.get(root);
  const sheet = known?.sheet ?? new CSSStyleSheet();
  if (known?.height !== height) {
    // Unmeasured (no layout, e.g. a test DOM): the list takes the height it needs.
    sheet.replaceSync(height > 0 ? `${searchCss}.kassa-all{height:${height + 2 * RING_PX}px}` : searchCss);
    sheets.set(root, { sheet, height });
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** What the picker passes to the search view. */
export interface MethodSearchProps {
  w: WidgetContext;
  payout: boolean;
  /** The collapsed radio group's height in pixels (0 when unmeasured). */
  height: number;
  /** Whether the search field takes focus ("Show all" was just pressed). */
  focus: boolean;
}

/**
 * The picker's full list (design §2 "Many methods"): a search field labelled "Search payment
 * methods" ("Search payout methods") in the slot where "Show all N methods" was, and below it every
 * method as a radio, filtered by name as the shopper types, in a scroll box as tall as the first 6
 * were, so nothing below moves. The number of matches is announced politely (not `role="status"`:
 * the widget has exactly one). A selected method that the filter hides stays selected, its form in
 * place below; the arrow keys move among the radios shown. Escape clears the search.
 */
export function MethodSearch({ w, payout, height, focus }: MethodSearchProps) {
  const { m, t, host } = w;
  adoptStyles(host.shadowRoot, height);
  const search = searchOf(m);
  const query = search.query.value;
  const label = t(payout ? 'search_payout' : 'search_payment');
  const shown = matchMethods(m.checkout.value?.methods ?? [], query);
  return (
    <>
      <div class="kassa-search">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13M15.5 15.5 20 20" />
        </svg>
        <label for="kassa-search" class="kassa-sr">
          {label}
        </label>
        <input
          id="kassa-search"
          type="search"
          placeholder={label}
          autocomplete="off"
          spellcheck={false}
          aria-controls="kassa-methods"
          value={query}
          ref={focus ? focusOnce : null}
          onInput={(event) => setQuery(w, search, event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || !search.query.value) return;
            // Only the search is cleared: a dialog around the widget stays open.
            event.preventDefault();
            event.stopPropagation();
            setQuery(w, search, '');
          }}
        />
        <p class="kassa-sr" aria-live="polite">
          {search.announced.value}
        </p>
      </div>
      <div class="kassa-all">
        <div role="radiogroup" id="kassa-methods" aria-labelledby="kassa-methods-label" class="kassa-methods">
          {shown.map((method) => methodRadio(w, method, payout))}
        </div>
        {shown.length === 0 && <p class="kassa-muted">{t('found_none')}</p>}
      </div>
    </>
  );
}
