/** Styles of the method form and the popup controls (flow chunk); see styles.ts for the private properties. */
export const formCss = `
.kassa-fields{display:flex;flex-direction:column;gap:.75rem}
.kassa-field{display:flex;flex-direction:column;gap:.25rem}
label{font-weight:500}
.kassa-input{font:inherit;color:inherit;background:var(--bg);padding:.625rem .75rem;border:1px solid var(--b);border-radius:var(--r);width:100%}
.kassa-input[aria-invalid=true]{border:2px solid var(--e)}
.kassa-error{margin:0;color:var(--e);font-size:.875em}
button:disabled,button[aria-disabled=true]{opacity:.65;cursor:not-allowed}
`;
