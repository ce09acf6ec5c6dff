import { generateKeyPairSync } from 'node:crypto';
import { signal } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import type { ShopperFields } from '../../contract/fields.ts';
import type { CheckoutMachine, FieldValues } from '../../core/checkout.types.ts';
import { KassaError } from '../../core/errors.ts';
import { compactPhone, encodeOctFields, maskCardNumber, validateOct } from './encode.ts';
import { octCard, VISA } from './oct-fixtures.ts';

const { publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** The parts of the machine the encoding reads: the checkout's public key and the typed values. */
function machine(key: string | undefined, values: FieldValues) {
  return {
    checkout: signal({ providers: key ? { oct: { publicKey: key } } : {} }),
    values: signal(values),
  } as unknown as CheckoutMachine & { values: { value: FieldValues } };
}

describe('oct-card fields for start', () => {
  it('replaces the number by its ciphertext and masked form, and drops every reference to it', async () => {
    const m = machine(publicKey, { cardNumber: VISA, firstName: 'Maria', phone: '+30 691-234-5678' });
    const fields: ShopperFields = { cardNumber: VISA, firstName: 'Maria', phone: '+30 691-234-5678' };
    const encoded = await encodeOctFields(m, octCard(), fields);
    expect(Object.keys(encoded).sort()).toEqual([
      'encryptedCardNumber',
      'firstName',
      'maskedCardNumber',
      'phone',
    ]);
    expect(encoded.maskedCardNumber).toBe('424242******4242');
    expect(encoded.phone).toBe('+306912345678');
    expect(JSON.stringify(encoded)).not.toContain(VISA);
    // Gone from the collected fields and from the machine's values.
    expect(fields.cardNumber).toBeUndefined();
    expect(m.values.value).toEqual({ firstName: 'Maria', phone: '+30 691-234-5678' });
  });

  it('fails with CONFIGURATION without a usable key, the number forgotten all the same', async () => {
    for (const key of [undefined, 'not a key']) {
      const m = machine(key, { cardNumber: VISA });
      const fields: ShopperFields = { cardNumber: VISA };
      const error = await encodeOctFields(m, octCard(), fields).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KassaError);
      expect((error as KassaError).code).toBe('CONFIGURATION');
      expect(fields.cardNumber).toBeUndefined();
      expect(m.values.value.cardNumber).toBeUndefined();
    }
  });

  it('checks the phone as E.164 and the number with the card rules', () => {
    const today = new Date('2026-11-28');
    expect(validateOct('phone', '+306912345678', {}, today)).toBeNull();
    expect(validateOct('phone', '+30 691 234 5678', {}, today)).toBeNull();
    expect(validateOct('phone', '6912345678', {}, today)).toBe('error_phone_e164');
    expect(validateOct('phone', '+0691234567', {}, today)).toBe('error_phone_e164');
    expect(validateOct('cardNumber', VISA, {}, today)).toBeNull();
    expect(validateOct('cardNumber', '4242424242424241', {}, today)).toBe('error_card_number');
    expect(validateOct('city', 'Athens', {}, today)).toBeUndefined();
    expect(compactPhone('+1 (555) 010-0000')).toBe('+15550100000');
    expect(maskCardNumber('5555555555554444')).toBe('555555******4444');
  });
});
