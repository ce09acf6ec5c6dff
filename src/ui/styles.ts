/**
 * The widget's base stylesheet (picker, buttons, status, progress), adopted by the shadow root as a
 * constructed stylesheet: no `<style>` element, no `style` attribute (strict CSP). The form, outcome
 * and voucher styles come with their lazy chunks (use-styles.ts). `.kassa` resolves each public custom
 * property of theme.ts once into a short private one, with the default as fallback, so page values
 * still inherit. The widget is a size container: narrow hosts get tighter padding (the voucher's
 * barcode needs the width, design §2).
 */
export const css = `
:host{display:block;container-type:inline-size}
*{box-sizing:border-box}
.kassa{--a:var(--kassa-accent,#1d4ed8);--at:var(--kassa-accent-text,#fff);--t:var(--kassa-text,#1f2328);--m:var(--kassa-muted-text,#4b5563);--bg:var(--kassa-background,#fff);--s:var(--kassa-surface,#f6f8fa);--b:var(--kassa-border,#6b7280);--e:var(--kassa-error,#b91c1c);--ok:var(--kassa-success,#15803d);--f:var(--kassa-focus,#1d4ed8);--r:var(--kassa-radius,8px);--p:1rem;padding:var(--p);color:var(--t);background:var(--bg);font:var(--kassa-font-size,16px)/1.5 var(--kassa-font,system-ui,sans-serif)}
@container (max-width:400px){.kassa{--p:.625rem}}
.kassa>*+*{margin-top:1rem}
.kassa-status:empty+*{margin-top:0}
.kassa p{margin:0}
[data-state=action] .kassa-status,[data-state=processing] .kassa-status{font-size:.875em;color:var(--m)}
.kassa-form,.kassa-methods{display:flex;flex-direction:column;gap:.75rem}
.kassa-summary{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.25rem 1rem;padding-bottom:.75rem;border-bottom:1px solid var(--s)}
.kassa-summary-amount{font-size:1.25em;min-height:1.5em}
.kassa-legend{font-weight:600}
.kassa-method{display:flex;align-items:center;gap:.75rem;padding:.75rem 1rem;border:1px solid var(--b);border-radius:var(--r);background:var(--s);cursor:pointer}
.kassa-method:has(:checked){border-color:var(--a);box-shadow:inset 0 0 0 1px var(--a)}
.kassa-method:has(:disabled){cursor:default;opacity:.65}
.kassa-logo{flex:none;display:grid;place-items:center;width:2.5rem;height:1.75rem;border-radius:4px;background:var(--bg);color:var(--a)}
.kassa-logo path{fill:none;stroke:currentColor;stroke-width:1.75;stroke-linecap:round;stroke-linejoin:round}
.kassa-method-text{display:flex;flex-direction:column;min-width:0}
.kassa-method-label{font-weight:600}
.kassa-hint,.kassa-muted{color:var(--m)}
.kassa-hint{font-size:.875em}
input[type=radio]{flex:none;accent-color:var(--a);width:1.25rem;height:1.25rem;margin:0}
:focus-visible,.kassa-method:has(:focus-visible){outline:3px solid var(--f);outline-offset:2px}
input[type=radio]:focus-visible,[tabindex="-1"]:focus{outline:0}
button{font:inherit;cursor:pointer;border-radius:var(--r);padding:.625rem 1rem;border:1px solid var(--a);background:var(--bg);color:var(--a);text-align:center}
.kassa-show-all{display:flex;justify-content:center;align-items:center;gap:.5rem;width:100%}
.kassa-primary{display:flex;justify-content:center;align-items:center;gap:.5rem;width:100%;background:var(--a);color:var(--at);font-weight:600;padding:.75rem 1rem}
.kassa-loading,.kassa-problem{display:flex;align-items:center;gap:.625rem}
.kassa-problem{color:var(--e)}
.kassa-spinner{flex:none;width:1.25em;height:1.25em;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:kassa-spin .8s linear infinite}
.kassa-icon{flex:none;width:1.5em;height:1.5em;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
@keyframes kassa-spin{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.kassa-spinner{animation-duration:2.4s}}
`;
