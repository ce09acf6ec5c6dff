import { signal } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import type { NextAction } from '../contract/actions.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import { checkoutAnswer, voucherAction } from '../test-fixtures.ts';
import { findActionHandler, loadProvider, opensPopup, ownForm } from './registry.ts';

/** Just what the registry reads of the machine: the selected method and the offered ones. */
function machine(selected: string | null): CheckoutMachine {
  const checkout = checkoutAnswer() as CheckoutMachine['checkout']['value'];
  return {
    selected: signal(selected),
    method: () => checkout?.methods.find((method) => method.id === selected),
  } as unknown as CheckoutMachine;
}

describe('the widget’s provider registry', () => {
  it('loads a provider’s module lazily by id, and nothing for an unknown id', async () => {
    const nuvei = await loadProvider('nuvei');
    expect(nuvei?.id).toBe('nuvei');
    expect(Object.keys(nuvei?.methods ?? {})).toEqual(['okto-cash', 'paysafecard']);
    expect(nuvei?.pay).toBeDefined();
    await expect(loadProvider('nobody')).resolves.toBeUndefined();
  });

  it('knows popup methods, and methods with a form of their own, without loading any provider', () => {
    expect(opensPopup('paysafecard')).toBe(true);
    expect(opensPopup('okto-cash')).toBe(false);
    const fail = () => expect.fail('no chunk to load');
    expect(ownForm({ id: 'okto-cash', provider: 'nuvei' }, fail)).toBeNull();
    expect(ownForm({ id: 'odeon-apm-1000', provider: 'odeon' }, fail)).toBeNull();
  });

  it('makes Odeon’s card form wait for the Odeon chunk, then renders its own form', async () => {
    const fail = () => expect.fail('the chunk loads');
    const card = { id: 'odeon-card', provider: 'odeon' } as const;
    const odeon = await loadProvider('odeon');
    expect(Object.keys(odeon?.methods ?? {})).toEqual(['odeon-card']);
    expect(ownForm(card, fail)).toBe(odeon?.methods['odeon-card']?.Form);
    expect(ownForm(card, fail)).toBeTypeOf('function');
  });

  it('finds OKTO’s voucher view for the selected method, and for a shopper back with no method known', async () => {
    for (const selected of ['okto-cash', null]) {
      const handler = await findActionHandler(machine(selected), voucherAction());
      expect(handler?.View).toBeTypeOf('function');
    }
  });

  it('finds Odeon’s `widget` handler: the action belongs to the pay step, so the widget returns to the form', async () => {
    const widget: NextAction = {
      type: 'widget',
      provider: 'odeon',
      scriptUrl: 'https://x.example/p.js',
      params: {},
    };
    await expect(findActionHandler(machine('okto-cash'), widget)).resolves.toEqual({ returnToForm: true });
  });
});
