/**
 * Styles of the OKTO voucher (its lazy chunk); see ui/styles.ts for the private properties. The code
 * box bleeds to the widget's edges (`--vp` + `--p`): a GS1-128 code needs about 300 CSS px at one
 * pixel per module, more than a 360 px phone leaves inside two paddings (design §2). The tools are
 * one grid of equal tracks (`minmax(0,1fr)`, rows `1fr`), so long labels wrap inside their button
 * rather than widen or heighten it alone: an even row or column in every locale.
 */
export const voucherCss = `
.kassa-voucher{--vp:1rem;display:flex;flex-direction:column;align-items:center;gap:.875rem;padding:var(--vp);background:var(--s);border-radius:var(--r);text-align:center}
@container (max-width:400px){.kassa-voucher{--vp:.625rem}}
.kassa-voucher-head{display:flex;flex-direction:column;gap:.125rem}
.kassa-heading{margin:0;font-size:1.25em;line-height:1.3}
.kassa-code-box{align-self:stretch;margin-inline:calc(-1*(var(--vp) + var(--p)));overflow-x:auto;display:flex;flex-direction:column;align-items:center}
.kassa-code{display:block;flex:none;background:#fff}
.kassa-code-card{display:flex;flex-direction:column;align-items:center;width:min-content;padding-bottom:.375rem;background:#fff}
.kassa-hri{margin:0;padding:0 .25rem;font:.75rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#000;text-align:center}
.kassa-voucher .kassa-field{align-self:stretch;text-align:start}
.kassa-paycode{font:1.0625rem/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.03em;text-align:center;resize:none;overflow:hidden;field-sizing:content;overflow-wrap:anywhere}
.kassa-actions{align-self:stretch;display:grid;grid-template-columns:minmax(0,1fr);grid-auto-rows:1fr;gap:.5rem}
@container (min-width:520px){.kassa-actions{grid-template-columns:repeat(3,minmax(0,1fr))}}
.kassa-actions>*{display:flex;align-items:center;justify-content:center;gap:.5rem;min-height:2.75rem;overflow-wrap:anywhere}
.kassa-button{font:inherit;border-radius:var(--r);padding:.625rem 1rem;border:1px solid var(--a);background:var(--bg);color:var(--a);text-decoration:none}
.kassa-button-icon{flex:none;width:1.125em;height:1.125em;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.kassa-link{display:inline-flex;align-items:center;gap:.5rem;border:0;background:none;padding:.5rem;color:var(--a);text-decoration:underline;text-underline-offset:.2em}
.kassa-sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media print{.kassa-noprint{display:none!important}.kassa,.kassa-voucher{padding:0;background:#fff}}
`;
