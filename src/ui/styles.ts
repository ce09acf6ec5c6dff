/**
 * The widget's base stylesheet (picker, buttons, status), adopted by the shadow root as a constructed
 * stylesheet: no `<style>` element, no `style` attribute (strict CSP). The form and voucher styles come
 * with their lazy chunks (use-styles.ts). `.kassa` resolves each public custom property of theme.ts
 * once into a short private one, with the default as fallback, so page values still inherit.
 */
export const css = `
:host{display:block}
*{box-sizing:border-box}
.kassa{--a:var(--kassa-accent,#1d4ed8);--at:var(--kassa-accent-text,#fff);--t:var(--kassa-text,#1f2328);--m:var(--kassa-muted-text,#4b5563);--bg:var(--kassa-background,#fff);--s:var(--kassa-surface,#f6f8fa);--b:var(--kassa-border,#6b7280);--e:var(--kassa-error,#b91c1c);--ok:var(--kassa-success,#15803d);--f:var(--kassa-focus,#1d4ed8);--r:var(--kassa-radius,8px);display:flex;flex-direction:column;gap:1rem;padding:1rem;color:var(--t);background:var(--bg);font:var(--kassa-font-size,16px)/1.5 var(--kassa-font,system-ui,sans-serif)}
.kassa-status{margin:0}
[data-state=succeeded] .kassa-status{color:var(--ok);font-weight:600}
[data-state=failed] .kassa-status,[data-state=error] .kassa-status{color:var(--e)}
.kassa-form,.kassa-methods{display:flex;flex-direction:column;gap:.75rem}
.kassa-legend{margin:0;font-weight:600}
.kassa-method{display:flex;align-items:center;gap:.75rem;padding:.75rem 1rem;border:1px solid var(--b);border-radius:var(--r);background:var(--s);cursor:pointer}
.kassa-method:has(:checked){border-color:var(--a);box-shadow:inset 0 0 0 1px var(--a)}
input[type=radio]{accent-color:var(--a);width:1.25rem;height:1.25rem;margin:0}
:focus-visible,.kassa-method:has(:focus-visible){outline:3px solid var(--f);outline-offset:2px}
input[type=radio]:focus-visible{outline:0}
button{font:inherit;cursor:pointer;border-radius:var(--r);padding:.625rem 1rem;border:1px solid var(--a);background:var(--bg);color:var(--a);text-decoration:none;text-align:center}
.kassa-primary{background:var(--a);color:var(--at);font-weight:600;padding:.75rem 1rem}
.kassa-muted{margin:0;color:var(--m)}
`;
