/** Styles of the outcome screens (flow chunk); see styles.ts for the private properties. */
export const outcomeCss = `
.kassa-outcome{display:flex;flex-direction:column;align-items:center;gap:.375rem;padding:1rem .5rem;text-align:center}
.kassa-outcome-icon{width:3rem;height:3rem;margin-bottom:.25rem;fill:none;stroke:currentColor;stroke-width:1.75;stroke-linecap:round;stroke-linejoin:round;color:var(--e)}
.kassa-outcome-succeeded .kassa-outcome-icon{color:var(--ok)}
.kassa-outcome-pending .kassa-outcome-icon,.kassa-outcome-expired .kassa-outcome-icon{color:var(--m)}
.kassa-heading{margin:0;font-size:1.25em;line-height:1.3}
.kassa-outcome-amount{font-size:1.125em;font-weight:600}
`;
