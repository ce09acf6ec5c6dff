import { describe, expect, it } from 'vitest';
import type { MethodField } from '../contract/checkout.ts';
import { ShopperFields } from '../contract/fields.ts';
import { collectFields, serverFieldErrors, validateFields } from './fields.ts';

const RO: MethodField[] = [
  { name: 'firstName', required: true },
  { name: 'lastName', required: true },
  { name: 'email', required: true },
  { name: 'phone', required: true },
  { name: 'dateOfBirth', required: true },
  { name: 'identification', required: true },
];
const TODAY = new Date('2026-11-22T10:00:00Z');

describe('shopper fields', () => {
  it('requires required fields and checks formats with the contract rules', () => {
    expect(
      validateFields(
        RO,
        { firstName: ' ', email: 'maria@', phone: 'call me', dateOfBirth: '2030-01-01' },
        TODAY,
      ),
    ).toEqual({
      firstName: 'error_required',
      lastName: 'error_required',
      email: 'error_email',
      phone: 'error_phone',
      dateOfBirth: 'error_date',
      identification: 'error_required',
    });
  });

  it('accepts valid values, and agrees with the server’s zod schema on them', () => {
    const values = {
      firstName: 'Ioana',
      lastName: 'Popescu',
      email: 'ioana@example.ro',
      phone: '+40 721 000 000',
      dateOfBirth: '1990-04-12',
      identification: '1900412123456',
    };
    expect(validateFields(RO, values, TODAY)).toEqual({});
    expect(ShopperFields.safeParse(collectFields(RO, values)).success).toBe(true);
  });

  it('sends only the method’s own fields, trimmed, leaving out empty optional ones', () => {
    const fields: MethodField[] = [
      { name: 'email', required: true },
      { name: 'phone', required: false },
    ];
    expect(collectFields(fields, { email: ' a@b.co ', phone: '', firstName: 'X' })).toEqual({
      email: 'a@b.co',
    });
  });

  it('maps the server’s 400 field paths onto the inputs', () => {
    expect(
      serverFieldErrors(
        [
          { path: 'fields.email', message: 'must be an email address' },
          { path: 'fields.identification', message: 'is required' },
          { path: 'method', message: 'is not offered' },
        ],
        RO,
      ),
    ).toEqual({ email: 'error_email', identification: 'error_invalid' });
  });
});
