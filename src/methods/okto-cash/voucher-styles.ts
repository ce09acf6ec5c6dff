/** Styles of the OKTO voucher (its lazy chunk); see ui/styles.ts for the private properties. */
export const voucherCss = `
.kassa-voucher{display:flex;flex-direction:column;align-items:center;gap:.75rem;padding:1rem;background:var(--s);border-radius:var(--r);text-align:center}
.kassa-voucher p{margin:0}
.kassa-voucher .kassa-field{align-self:stretch}
.kassa-code{display:block;width:100%;height:auto;max-width:18rem;background:#fff}
.kassa-code-barcode{max-width:28rem}
.kassa-paycode{font-family:ui-monospace,monospace;font-size:.875em;text-align:center}
.kassa-actions{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:center}
.kassa-sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.kassa-button{font:inherit;border-radius:var(--r);padding:.625rem 1rem;border:1px solid var(--a);background:var(--bg);color:var(--a);text-decoration:none}
@media print{.kassa-noprint{display:none!important}.kassa,.kassa-voucher{padding:0;background:#fff}}
`;
