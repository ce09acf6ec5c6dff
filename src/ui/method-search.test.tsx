import { fireEvent, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckoutMethod } from '../contract/checkout.ts';
import { mountWidget, resetDom } from '../test-dom.ts';
import { checkoutAnswer, indianApms, indianCheckout, sdkAction } from '../test-fixtures.ts';
import { foldName, matchMethods } from './method-search.tsx';

afterEach(resetDom);

const labels = (radios: HTMLElement[]) => radios.map((radio) => radio.getAttribute('value'));
const ids = (methods: CheckoutMethod[]) => methods.map(({ id }) => id);

function india(methods = indianApms(), payout = false) {
  return mountWidget({ 'api/checkout': () => indianCheckout(methods, payout) });
}

/** Presses "Show all 30 methods" and waits for the search field (its chunk loads on the first press). */
async function showAll(ui: ReturnType<typeof india>['ui'], name = 'Search payment methods') {
  fireEvent.click(await ui.findByRole('button', { name: 'Show all 30 methods' }));
  return (await ui.findByRole('searchbox', { name })) as HTMLInputElement;
}

/** axe's rules that need no layout (colour contrast is the browser suite's), on the widget's shadow root. */
async function axeViolations(host: HTMLElement): Promise<string[]> {
  const results = await axe.run(host, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(', ')}`);
}

const type = (search: HTMLInputElement, value: string) => fireEvent.input(search, { target: { value } });
const liveRegion = (shadow: ShadowRoot) => shadow.querySelector('[aria-live="polite"]') as HTMLElement;

describe('picker with many methods (design §2 "Many methods")', () => {
  // First in this file: later tests find the search chunk already loaded.
  it('shows the first 6 in the server’s order and "Show all 30 methods", busy while the search loads', async () => {
    const { ui } = india();
    const group = await ui.findByRole('radiogroup', { name: 'Payment method' });
    expect(labels(ui.getAllByRole('radio'))).toEqual(ids(indianApms(6)));
    expect(ui.getByRole('radio', { name: 'Freecharge Wallet' })).toBeTruthy();
    expect(ui.queryByRole('radio', { name: 'Phonepe Wallet' })).toBeNull();
    const button = ui.getByRole('button', { name: 'Show all 30 methods' });
    // In the slot the search field takes, above the group: nothing above the radios moves.
    expect(button.compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.querySelector('.kassa-spinner')).toBeTruthy();
    await ui.findByRole('searchbox', { name: 'Search payment methods' });
  });

  it('shows no button with 6 methods or fewer', async () => {
    const { ui } = india(indianApms(6));
    await ui.findByRole('radiogroup', { name: 'Payment method' });
    expect(ui.getAllByRole('radio')).toHaveLength(6);
    expect(ui.queryByRole('button')).toBeNull();
  });

  it('reveals a focused search field above the full radio group, still one group of native radios', async () => {
    const { ui, shadow } = india();
    const search = await showAll(ui);
    expect(shadow.activeElement).toBe(search);
    expect(ui.queryByRole('button', { name: 'Show all 30 methods' })).toBeNull();
    const group = ui.getByRole('radiogroup', { name: 'Payment method' });
    expect(search.compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const radios = ui.getAllByRole('radio');
    expect(labels(radios)).toEqual(ids(indianApms()));
    expect(
      radios.every((radio) => group.contains(radio) && radio.getAttribute('name') === 'kassa-method'),
    ).toBe(true);
    expect(ui.getByRole('radio', { name: 'Industrial Development Bank Of India' })).toBeTruthy();
    expect(ui.getByRole('radio', { name: 'UPI QR' })).toBeTruthy();
  });

  it('filters by name as the shopper types and announces the count once typing pauses', async () => {
    const { ui, shadow } = india();
    const search = await showAll(ui);
    const live = liveRegion(shadow);
    type(search, 'u');
    type(search, 'up');
    type(search, 'upi');
    // Filtered at once; announced only after the pause, once for the burst.
    expect(labels(ui.getAllByRole('radio'))).toEqual(['odeon-apm-2000', 'odeon-apm-2080']);
    expect(ui.getByRole('radio', { name: 'UPI' })).toBeTruthy();
    expect(live.textContent).toBe('');
    await waitFor(() => expect(live.textContent).toBe('2 methods found'));
    type(search, 'UPI q');
    await waitFor(() => expect(live.textContent).toBe('1 method found'));
    expect(labels(ui.getAllByRole('radio'))).toEqual(['odeon-apm-2080']);
    type(search, 'paypal');
    expect(ui.queryAllByRole('radio')).toHaveLength(0);
    expect(ui.getByText('No methods found')).toBeTruthy();
    await waitFor(() => expect(live.textContent).toBe('No methods found'));
    // A live region, not a second role="status" (design §2: exactly one).
    expect(ui.getAllByRole('status')).toHaveLength(1);
    expect(live.getAttribute('role')).toBeNull();
  });

  it('clears the search with Escape, leaving the keys of the page alone otherwise', async () => {
    const { ui } = india();
    const search = await showAll(ui);
    type(search, 'bank');
    expect(ui.getAllByRole('radio').length).toBeLessThan(30);
    expect(fireEvent.keyDown(search, { key: 'Escape' })).toBe(false);
    await waitFor(() => expect(search.value).toBe(''));
    expect(ui.getAllByRole('radio')).toHaveLength(30);
    // Empty: Escape is not the search's to take.
    expect(fireEvent.keyDown(search, { key: 'Escape' })).toBe(true);
  });

  it('keeps a selected method the filter hides selected, with its form; arrow keys see only the radios shown', async () => {
    const { ui } = india();
    const search = await showAll(ui);
    fireEvent.click(ui.getByRole('radio', { name: 'UPI QR' }));
    const pay = await ui.findByRole('button', { name: 'Pay ₹500.00' });
    type(search, 'wallet');
    const shown = ui.getAllByRole('radio') as HTMLInputElement[];
    expect(shown).toHaveLength(7);
    expect(ui.queryByRole('radio', { name: 'UPI QR' })).toBeNull();
    expect(shown.some((radio) => radio.checked)).toBe(false);
    expect(ui.getByRole('button', { name: 'Pay ₹500.00' })).toBe(pay);
    type(search, '');
    expect((ui.getByRole('radio', { name: 'UPI QR' }) as HTMLInputElement).checked).toBe(true);
  });

  it('is axe-clean folded, unfolded and with nothing found', async () => {
    const { ui, host } = india();
    await ui.findByRole('button', { name: 'Show all 30 methods' });
    expect(await axeViolations(host)).toEqual([]);
    const search = await showAll(ui);
    expect(await axeViolations(host)).toEqual([]);
    type(search, 'paypal');
    expect(await axeViolations(host)).toEqual([]);
  });

  it('words payouts: "Payout method" and "Search payout methods"', async () => {
    const { ui } = india(indianApms(), true);
    await ui.findByRole('radiogroup', { name: 'Payout method' });
    await showAll(ui, 'Search payout methods');
    expect(ui.getByRole('radiogroup', { name: 'Payout method' })).toBeTruthy();
  });

  it('shows a method chosen before among the first ones when it is further down the list', async () => {
    const { ui } = mountWidget({
      'api/checkout': () => ({ ...indianCheckout(), method: 'odeon-apm-2025' }),
    });
    await ui.findByRole('radiogroup', { name: 'Payment method' });
    expect(labels(ui.getAllByRole('radio'))).toEqual([...ids(indianApms(6)), 'odeon-apm-2025']);
    expect((ui.getByRole('radio', { name: 'State Bank Of India' }) as HTMLInputElement).checked).toBe(true);
  });

  it('opens a session only for the radio the selection rests on in the full list', async () => {
    const okto = checkoutAnswer().methods[0] as CheckoutMethod;
    const sdkMethods = indianApms().map((method) => ({ ...okto, id: method.id, label: method.label }));
    const starts: string[] = [];
    const { ui } = mountWidget({
      'api/checkout': () => checkoutAnswer({ methods: sdkMethods }),
      'api/checkout/start': (body) => {
        starts.push((body as { method: string }).method);
        return sdkAction();
      },
    });
    const search = await showAll(ui);
    type(search, 'bank of');
    // Passed over with the arrow keys: only the last one opens a session.
    for (const name of ['Bank Of Maharashtra', 'Bank Of India', 'State Bank Of India'])
      fireEvent.click(ui.getByRole('radio', { name }));
    await waitFor(() => expect(starts).toEqual(['odeon-apm-2025']), { timeout: 2_000 });
  });
});

describe('matching a method by name', () => {
  const method = (label: string) => ({ ...indianApms(1)[0], label }) as CheckoutMethod;

  it('ignores case, accents and surrounding spaces', () => {
    expect(foldName('Caixa Econômica Federal')).toBe('caixa economica federal');
    const methods = [
      method('Banco Itaú'),
      method('Banco Itau Boleto'),
      method('Bradesco Pague Facil (1005)'),
    ];
    expect(matchMethods(methods, ' ITAU ').map(({ label }) => label)).toEqual([
      'Banco Itaú',
      'Banco Itau Boleto',
    ]);
    expect(matchMethods(methods, 'itaú').map(({ label }) => label)).toEqual([
      'Banco Itaú',
      'Banco Itau Boleto',
    ]);
    expect(matchMethods(methods, '(1005)').map(({ label }) => label)).toEqual([
      'Bradesco Pague Facil (1005)',
    ]);
    expect(matchMethods(methods, '')).toBe(methods);
  });
});
