/** The card form's layout (Odeon chunk): expiry and security code side by side, the brand by its label. */
export const cardCss = `
.kassa-card-row{display:flex;flex-wrap:wrap;gap:.75rem}
.kassa-card-row>*{flex:1 1 8rem;min-width:0}
.kassa-card-label{display:flex;justify-content:space-between;align-items:baseline;gap:.5rem}
.kassa-card-brand{font-size:.875em;font-weight:600;color:var(--m)}
.kassa-input[inputmode=numeric]{font-variant-numeric:tabular-nums}
`;
