/**
 * The "contract floor" `npm run bench` measures beside the widget: the least any script-tag widget
 * can do under design §2 and §3 before its picker is usable, and nothing more. A classic script
 * (`kassa.js`) that imports an ES chunk from its own directory as soon as it runs; `Kassa.mount`
 * starts `GET /api/checkout` with `Authorization: Bearer <session>` (so, cross-origin, the browser's
 * preflight too); once both are in, the chunk renders a "Payment method" radio group of native radios
 * in an open shadow root. No styles, no states, no validation, no events: what is left between this
 * and the real widget is the widget's own cost. The merchant site serves the files (merchant-site.ts),
 * from an origin other than the page's, as the Kassa server serves the widget.
 *
 * The "script floor" goes further than any contract allows: one classic script that renders the same
 * radios at once from a checkout answer the page hands to `mount` as `checkout` (no chunk, no API
 * call). It is the least a widget embedded with a script tag can cost at all.
 */

/** `floor/kassa.js`: the loader. */
export const FLOOR_LOADER = `(() => {
  const chunk = import(new URL('chunk.js', document.currentScript.src).href);
  window.Kassa = {
    mount(target, options) {
      const url = new URL('api/checkout', options.server.replace(/\\/?$/, '/'));
      const headers = { authorization: 'Bearer ' + options.session, accept: 'application/json' };
      const checkout = fetch(url, { headers, cache: 'no-store' }).then((response) => response.json());
      Promise.all([chunk, checkout]).then(([module, answer]) => module.render(target, answer));
      return { on: () => () => {}, destroy() {} };
    },
  };
})();
`;

/** The picker: native radios in an open shadow root. */
const RENDER = `function render(target, checkout) {
  const host = document.querySelector(target).appendChild(document.createElement('div'));
  const root = host.attachShadow({ mode: 'open' });
  const group = document.createElement('div');
  group.setAttribute('role', 'radiogroup');
  group.setAttribute('aria-label', 'Payment method');
  for (const method of checkout.methods) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'method';
    input.value = method.id;
    label.append(input, method.label);
    group.append(label);
  }
  root.append(group);
}`;

/** `floor/chunk.js`: the contract floor's chunk. */
export const FLOOR_CHUNK = `export ${RENDER}
`;

/** `floor/script.js`: the script floor. */
export const SCRIPT_FLOOR = `(() => {
  ${RENDER}
  window.Kassa = {
    mount(target, options) {
      render(target, options.checkout);
      return { on: () => () => {}, destroy() {} };
    },
  };
})();
`;
