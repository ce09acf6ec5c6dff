// The demo merchant page: builds an order from the form, creates it through the demo-only route
// (the server adds the merchant key, as a merchant backend would) and mounts the widget; a shopper
// coming back from a full-page redirect sees that order's outcome (see orders.js).
// Plain JavaScript served as-is, so the demo needs no build of its own.
import { LOCALES, rememberedOrderIds, rememberOrder, returnedOrder } from './orders.js';

const COUNTRIES = {
  GR: 'Greece',
  CY: 'Cyprus',
  IT: 'Italy',
  RO: 'Romania',
  DE: 'Germany',
  AT: 'Austria',
  FR: 'France',
};
const CURRENCIES = ['EUR', 'RON', 'USD', 'GBP'];
/** OKTO Cash permitted amounts (design §3); GR and CY take any amount. */
const OKTO_AMOUNTS = {
  IT: 'EUR 10, 25, 50, 100, 150',
  RO: 'RON 20, 50, 100, 150, 250, 500, 1000, 1500, 2500, 3000, 4500',
  DE: 'EUR 10, 20, …, 100 and 150',
  GR: 'EUR, any amount',
  CY: 'EUR, any amount',
};
/** Prices in minor units per currency; quantities are what the shopper picks. */
const CART = [
  { name: 'Gift card', price: { EUR: 1000, RON: 2000, USD: 1000, GBP: 1000 }, quantity: 1 },
  { name: 'Concert ticket', price: { EUR: 1500, RON: 3000, USD: 1500, GBP: 1500 }, quantity: 0 },
];
// Relative to the page, so the demo also works when Kassa is mounted under a path (e.g. /pay/).
const BASE = new URL('.', location.href).href.replace(/\/$/, '');
const WEBHOOKS_URL = `${BASE}/demo/api/webhooks`;

const $ = (selector) => document.querySelector(selector);
const form = $('#order-form');
let checkout = null;

function fillSelect(select, entries, selected) {
  for (const [value, label] of entries) select.add(new Option(label, value, false, value === selected));
}

const money = (minor, currency) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);

function renderCart() {
  const currency = form.currency.value;
  const list = $('#cart');
  list.replaceChildren();
  let total = 0;
  for (const item of CART) {
    total += item.price[currency] * item.quantity;
    const input = Object.assign(document.createElement('input'), { type: 'number', min: '0', max: '9' });
    input.value = String(item.quantity);
    input.setAttribute('aria-label', `${item.name} quantity`);
    input.addEventListener('change', () => {
      item.quantity = Math.max(0, Number(input.value) || 0);
      renderCart();
    });
    const li = document.createElement('li');
    li.append(`${item.name} — ${money(item.price[currency], currency)} × `, input);
    list.append(li);
  }
  $('#cart-total').textContent = money(total, currency);
  form.amount.value = (total / 100).toFixed(2);
  renderHint();
}

function renderHint() {
  const okto = OKTO_AMOUNTS[form.country.value];
  $('#amount-hint').textContent = okto
    ? `OKTO Cash in ${COUNTRIES[form.country.value]}: ${okto}.`
    : `OKTO Cash is not offered in ${COUNTRIES[form.country.value]}.`;
}

/** The `POST /api/orders` body (design §3) from the form. */
function orderBody() {
  const data = new FormData(form);
  const customer = { id: 'demo-shopper' };
  for (const key of ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'identification']) {
    const value = String(data.get(key) ?? '').trim();
    if (value) customer[key] = value;
  }
  return {
    kind: data.get('kind'),
    amount: String(data.get('amount')).trim(),
    currency: data.get('currency'),
    country: data.get('country'),
    description:
      CART.filter((i) => i.quantity > 0)
        .map((i) => `${i.quantity} × ${i.name}`)
        .join(', ') || 'Top-up',
    customer,
    returnUrl: `${BASE}/`,
    // Design §3: overrides ODEON_CARD_FLOW for this order (payments only; payouts ignore it).
    ...(data.get('kind') === 'payment' ? { cardFlow: data.get('cardFlow') } : {}),
    // A payout with one card method only (design §3 KASSA_CARD_PAYOUTS: the order's `methods` decide).
    ...(data.get('kind') === 'payout' && data.get('payoutMethod')
      ? { methods: [data.get('payoutMethod')] }
      : {}),
  };
}

function log(list, type, detail, at = new Date()) {
  const li = document.createElement('li');
  const time = at.toLocaleTimeString();
  const strong = Object.assign(document.createElement('strong'), { textContent: type });
  const pre = Object.assign(document.createElement('pre'), { textContent: JSON.stringify(detail, null, 2) });
  li.append(`${time} `, strong, pre);
  list.prepend(li);
}

async function createOrder(event) {
  event.preventDefault();
  const info = $('#order-info');
  info.textContent = 'Creating the order…';
  const res = await fetch(`${BASE}/demo/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(orderBody()),
  });
  const answer = await res.json().catch(() => ({}));
  if (res.status !== 201) {
    info.textContent = `The server refused the order (${res.status}).`;
    log($('#event-log'), `order refused (${res.status})`, answer);
    return;
  }
  info.textContent = `Order ${answer.orderId}, open until ${new Date(answer.expiresAt).toLocaleString()}.`;
  const mounted = { clientToken: answer.clientToken, locale: form.locale.value, accent: form.accent.value };
  rememberOrder(sessionStorage, answer.orderId, mounted);
  mountWidget(mounted);
}

function mountWidget({ clientToken, locale, accent }) {
  checkout?.destroy();
  $('#checkout').replaceChildren();
  checkout = window.Kassa.mount('#checkout', {
    server: BASE,
    session: clientToken,
    locale,
    theme: { accent },
    onEvent: (e) => log($('#event-log'), e.type, e),
  });
}

/** A shopper back from a provider's page (`?kassa_order=…&kassa_status=…`): show that order again. */
function resumeReturnedOrder() {
  const back = returnedOrder(location.search, sessionStorage);
  if (!back) return;
  const notice = $('#return-notice');
  const status = back.status || 'unknown';
  notice.hidden = false;
  if (back.saved) {
    notice.textContent = `Back from the payment page: order ${back.orderId} (status: ${status}).`;
    form.locale.value = back.saved.locale;
    form.accent.value = back.saved.accent;
    mountWidget(back.saved);
  } else {
    notice.textContent =
      `You came back from the payment page for order ${back.orderId} (status: ${status}), but this ` +
      'browser tab does not have its client token, so the widget cannot show the order here. ' +
      'Create a new order to continue.';
  }
  // On a narrow screen the widget is below the order form: bring the outcome into view.
  const title = $('#checkout-title');
  if (title.getBoundingClientRect().top > window.innerHeight / 2) title.scrollIntoView({ block: 'start' });
}

/** One order of "Your orders": its status, what was refunded, and a refund form while something is left. */
function renderOrder(view) {
  const li = document.createElement('li');
  const refunds = (view.transactions ?? []).filter((t) => t.kind === 'refund');
  const summary = document.createElement('p');
  summary.textContent = `${view.id}: ${view.kind} ${view.amount} ${view.currency}, ${view.status}`;
  li.append(summary);
  if (view.refundedAmount !== undefined) {
    const refunded = document.createElement('p');
    refunded.textContent = `Refunded ${view.refundedAmount}, refundable ${view.refundableAmount} ${view.currency}`;
    li.append(refunded);
  }
  if (refunds.length > 0) {
    const list = document.createElement('ul');
    for (const r of refunds) {
      const item = document.createElement('li');
      item.textContent = `Refund ${r.amount} ${r.currency}: ${r.status}`;
      list.append(item);
    }
    li.append(list);
  }
  const refundable = Number.parseFloat(view.refundableAmount ?? '0');
  if (view.kind === 'payment' && view.status === 'succeeded' && refundable > 0) {
    const refundForm = document.createElement('form');
    refundForm.className = 'refund';
    const label = document.createElement('label');
    const amount = Object.assign(document.createElement('input'), { name: 'amount', inputMode: 'decimal' });
    amount.placeholder = view.refundableAmount;
    label.append(`Refund amount for ${view.id} (empty: all of it) `, amount);
    const button = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Refund' });
    refundForm.append(label, button);
    refundForm.addEventListener('submit', (event) => refund(event, view.id, amount.value.trim()));
    li.append(refundForm);
  }
  return li;
}

/** Refunds an order in full (no amount) or in part through the demo's merchant backend. */
async function refund(event, orderId, amount) {
  event.preventDefault();
  const info = $('#refund-info');
  info.textContent = `Refunding order ${orderId}…`;
  const res = await fetch(`${BASE}/demo/api/orders/${orderId}/refunds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(amount ? { amount } : {}),
  });
  const answer = await res.json().catch(() => ({}));
  info.textContent =
    res.status === 201
      ? `Refund ${answer.refundId} of ${answer.amount} ${answer.currency} is ${answer.status}.`
      : `The refund was refused (${res.status}): ${answer.error?.message ?? 'unknown error'}`;
  await renderOrders(true);
}

/** "Your orders": the orders this tab created, read from the merchant API. */
async function renderOrders(force = false) {
  const ids = rememberedOrderIds(sessionStorage).slice(0, 10);
  const items = [];
  for (const id of ids) {
    const res = await fetch(`${BASE}/demo/api/orders/${id}`).catch(() => null);
    if (res?.ok) items.push(renderOrder(await res.json()));
  }
  // Keep a refund amount being typed: no redraw while one of the list's amount fields has focus.
  const typing =
    document.activeElement?.tagName === 'INPUT' && $('#order-list').contains(document.activeElement);
  if (force || !typing) $('#order-list').replaceChildren(...items);
}

async function pollOrders() {
  await renderOrders().catch(() => undefined);
  setTimeout(pollOrders, 5000);
}

/** Shows the merchant events the demo's own receiver got (`/demo/webhooks`), newest first. */
async function pollWebhooks() {
  const res = await fetch(WEBHOOKS_URL).catch(() => null);
  if (!res?.ok) {
    $('#webhooks-status').textContent = 'The demo webhook receiver is not available on this server.';
    return;
  }
  const { events = [] } = await res.json();
  const list = $('#webhook-log');
  list.replaceChildren();
  // `log` prepends, so oldest first leaves the newest on top.
  for (const delivery of [...events].reverse()) {
    const label = `${delivery.event?.type ?? 'unreadable'}${delivery.verified ? '' : ' (signature NOT verified)'}`;
    log(list, label, delivery.event, new Date(delivery.receivedAt));
  }
  setTimeout(pollWebhooks, 3000);
}

fillSelect(form.country, Object.entries(COUNTRIES), 'GR');
fillSelect(
  form.currency,
  CURRENCIES.map((c) => [c, c]),
  'EUR',
);
fillSelect(form.locale, Object.entries(LOCALES), 'en');
form.country.addEventListener('change', () => {
  form.currency.value = form.country.value === 'RO' ? 'RON' : 'EUR';
  renderCart();
});
form.currency.addEventListener('change', renderCart);
form.addEventListener('submit', createOrder);
$('#clear-log').addEventListener('click', () => $('#event-log').replaceChildren());
// The logs scroll (max-height in demo.css): keyboard users reach them by Tab (WCAG 2.1.1, axe's
// scrollable-region-focusable), and each is named by its heading in index.html.
for (const list of document.querySelectorAll('.log')) list.tabIndex = 0;
renderCart();
resumeReturnedOrder();
pollWebhooks();
pollOrders();
