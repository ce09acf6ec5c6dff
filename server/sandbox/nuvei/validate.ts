/** Request checks the emulator shares between the REST API and the Web SDK stand-in. */
import { z } from 'zod';
import { formatAmount, isCurrency, parseAmount } from '../../../src/contract/money.ts';
import { NUVEI_ERR } from '../../providers/nuvei/errors.ts';
import type { Refusal } from './sessions.ts';

/** The parts of a `/payment` or `createPayment()` request the emulator reads; the rest is ignored. */
export const PaymentParams = z.looseObject({
  paymentOption: z
    .looseObject({
      alternativePaymentMethod: z.looseObject({ paymentMethod: z.string() }).optional(),
    })
    .optional(),
  billingAddress: z.record(z.string(), z.unknown()).optional(),
  userDetails: z.record(z.string(), z.unknown()).optional(),
});
export type PaymentParams = z.output<typeof PaymentParams>;

/** Normalises a Nuvei amount and currency, or refuses them with 1040 / 1041. */
export function checkMoney(
  amount: unknown,
  currency: unknown,
): { amount: string; currency: string } | Refusal {
  if (typeof currency !== 'string' || !isCurrency(currency)) {
    return { errCode: NUVEI_ERR.invalidCurrency, reason: 'Invalid currency' };
  }
  const money = typeof amount === 'string' ? parseAmount(amount, currency) : 'not a string';
  if (typeof money === 'string' || money.minor <= 0) {
    return { errCode: NUVEI_ERR.invalidAmount, reason: 'Invalid amount' };
  }
  return { amount: formatAmount(money.minor, currency), currency };
}

/** The dot paths among `required` that are missing or empty in the request. */
export function missingFields(params: Record<string, unknown>, required: readonly string[]): string[] {
  return required.filter((path) => {
    let value: unknown = params;
    for (const key of path.split('.')) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    return typeof value !== 'string' || value.trim() === '';
  });
}

/** The shopper's country as the request gives it (userDetails first, then billingAddress). */
export function requestCountry(params: PaymentParams): string {
  const country = params.userDetails?.country ?? params.billingAddress?.country;
  return typeof country === 'string' ? country.toUpperCase() : '';
}
