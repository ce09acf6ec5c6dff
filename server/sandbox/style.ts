/**
 * The sandbox pages' stylesheet and icon, served as files by layout.ts (`/sandbox/assets/…`).
 * Element selectors style the pages' plain markup, so the forms keep their exact, tested markup.
 * Readable from 320 px wide up: the card fills narrow screens, long pay codes wrap, buttons stack.
 */

/** `/sandbox/assets/sandbox.css`. */
export const SANDBOX_CSS = `:root {
  --accent: #0f6b5b;
  --accent-dark: #0a4d41;
  --accent-ink: #ffffff;
  --ink: #1b2230;
  --muted: #596273;
  --line: #d5dae3;
  --page: #eef1f5;
  --card: #ffffff;
  --soft: #f5f7fa;
  --danger: #b42318;
  --danger-soft: #fdecea;
  --ok-soft: #e8f5ef;
  --focus: #ffbf47;
  color-scheme: light;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 100%;
  line-height: 1.5;
  color: var(--ink);
  background: var(--page);
}
.brand-odeon {
  --accent: #3b2f8f;
  --accent-dark: #2a206b;
  --ok-soft: #eeecfa;
}
.brand-paysafecard {
  --accent: #0b63b0;
  --accent-dark: #084a84;
  --ok-soft: #e8f1fb;
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
}
.topbar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.5rem 1rem;
  padding: 0.75rem max(1rem, calc((100% - 32rem) / 2));
  background: var(--accent);
  color: var(--accent-ink);
}
.topbar p {
  margin: 0;
}
.brand {
  display: flex;
  align-items: center;
  gap: 0.5rem;
  font-size: 1.125rem;
  font-weight: 700;
  letter-spacing: 0.01em;
}
/* A coin for cash (OKTO), a card for prepaid (paysafecard): a hint of the brand, not its artwork. */
.mark {
  width: 1.5rem;
  height: 1.5rem;
  border-radius: 50%;
  background: var(--accent-ink);
  box-shadow: inset 0 0 0 0.3rem var(--accent-dark);
}
.brand-paysafecard .mark {
  width: 1.75rem;
  height: 1.2rem;
  border-radius: 0.25rem;
  box-shadow: inset 0 0.3rem 0 var(--accent-dark);
}
.badge {
  padding: 0.125rem 0.625rem;
  border-radius: 999px;
  background: #ffd54f;
  color: #3d2e00;
  font-size: 0.8125rem;
  font-weight: 700;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  white-space: nowrap;
}
main {
  width: calc(100% - 2rem);
  max-width: 32rem;
  margin: 2rem auto;
  padding: 1.5rem;
  background: var(--card);
  border: 1px solid var(--line);
  border-radius: 0.75rem;
  box-shadow: 0 10px 30px rgb(27 34 48 / 0.08);
}
h1 {
  margin: 0 0 1rem;
  font-size: 1.5rem;
  line-height: 1.25;
}
h2 {
  margin: 1.25rem 0 0.5rem;
  font-size: 1.0625rem;
}
p {
  margin: 0 0 1rem;
}
dl {
  display: grid;
  grid-template-columns: max-content minmax(0, 1fr);
  gap: 0.375rem 1rem;
  margin: 0 0 1.25rem;
  padding: 0.75rem 1rem;
  background: var(--soft);
  border-radius: 0.5rem;
}
dt {
  color: var(--muted);
}
dd {
  margin: 0;
  font-weight: 600;
  overflow-wrap: anywhere;
  font-variant-numeric: tabular-nums;
}
label {
  display: block;
  margin-bottom: 0.375rem;
  font-weight: 600;
}
input {
  width: 100%;
  padding: 0.625rem 0.75rem;
  border: 1px solid #98a1b2;
  border-radius: 0.5rem;
  background: #fff;
  color: inherit;
  font: inherit;
  font-size: 1.125rem;
  letter-spacing: 0.02em;
}
input[aria-invalid="true"] {
  border: 2px solid var(--danger);
}
#pin-error,
[role="alert"] {
  color: var(--danger);
  font-weight: 600;
}
#pin-hint,
.hint,
.foot {
  color: var(--muted);
  font-size: 0.875rem;
}
p:has(> button) {
  display: flex;
  flex-wrap: wrap;
  gap: 0.75rem;
  margin-top: 1.25rem;
}
button,
.button {
  flex: 1 1 9rem;
  min-height: 2.75rem;
  padding: 0.625rem 1.25rem;
  border: 2px solid var(--accent);
  border-radius: 0.5rem;
  background: var(--accent);
  color: var(--accent-ink);
  font: inherit;
  font-weight: 700;
  text-align: center;
  text-decoration: none;
  cursor: pointer;
}
button:hover,
.button:hover {
  background: var(--accent-dark);
  border-color: var(--accent-dark);
}
button[value="cancel"] {
  background: #fff;
  color: var(--accent);
}
button[value="cancel"]:hover {
  background: var(--soft);
}
.button {
  display: inline-block;
}
a {
  color: var(--accent);
  font-weight: 600;
}
:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
[role="status"] {
  padding: 0.75rem 1rem;
  border-left: 4px solid var(--accent);
  border-radius: 0.375rem;
  background: var(--ok-soft);
  font-size: 1.0625rem;
  font-weight: 600;
}
[role="status"].refused {
  border-left-color: var(--danger);
  background: var(--danger-soft);
  color: var(--danger);
}
ul {
  margin: 0 0 1rem;
  padding-left: 1.25rem;
}
li + li {
  margin-top: 0.25rem;
}
.foot {
  margin-top: auto;
  padding: 1rem;
  text-align: center;
}
.foot p {
  margin: 0;
}
@media (max-width: 30rem) {
  main {
    width: 100%;
    margin: 0;
    padding: 1.25rem 1rem;
    border: 0;
    border-radius: 0;
    box-shadow: none;
  }
  dl {
    grid-template-columns: minmax(0, 1fr);
    gap: 0;
  }
  dd + dt {
    margin-top: 0.5rem;
  }
}
`;

/** `/sandbox/assets/icon.svg`: a neutral "S" mark for the sandbox pages' tab. */
export const SANDBOX_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1b2230"/><path d="M21 11.5c-1-1.6-2.8-2.5-5-2.5-3 0-5 1.5-5 3.8 0 5.2 10 2.8 10 7.6 0 2.3-2 3.6-5 3.6-2.4 0-4.3-1-5.3-2.7" fill="none" stroke="#ffd54f" stroke-width="2.6" stroke-linecap="round"/></svg>
`;
