/**
 * The OKTO Cash APM of the emulator: `createPayment()` / `/payment` with `apmgw_OKTO_CASH` creates a
 * voucher whose pay code the shopper pays in cash at a shop (OKTO seed, "User Experience").
 */
import { parseAmount } from '../../../src/contract/money.ts';
import type { ApmHandler } from '../nuvei/apm.ts';
import { newTransaction } from '../nuvei/transaction.ts';
import { formatPayCode, normalisePayCode, SANDBOX_GLN, slipReference } from './gs1.ts';

const BASE_FIELDS = ['firstName', 'lastName', 'country', 'email'];
// OKTO seed, "Payment (Deposit) Flow": customers in Romania also send dateOfBirth, phone and
// identification in userDetails; Nuvei's newer guide asks the same for Germany (platform-notes.md).
const EXTRA_USER_FIELDS = ['dateOfBirth', 'phone', 'identification'];
const EXTRA_FIELD_COUNTRIES = new Set(['RO', 'DE']);

/** The URL of the voucher page for a pay code (what the emulator's answers carry as `redirectUrl`). */
export function voucherUrl(publicUrl: string, payCode: string): string {
  return `${publicUrl}/sandbox/okto/voucher?payCode=${encodeURIComponent(payCode)}`;
}

/** `apmgw_OKTO_CASH`: a PENDING transaction with a GS1 pay code, expiring with the Kassa order. */
export const oktoCashApm: ApmHandler = {
  requiredFields(country) {
    const user = EXTRA_FIELD_COUNTRIES.has(country) ? [...BASE_FIELDS, ...EXTRA_USER_FIELDS] : BASE_FIELDS;
    return [...BASE_FIELDS.map((f) => `billingAddress.${f}`), ...user.map((f) => `userDetails.${f}`)];
  },
  async start(ctx, payment) {
    const money = parseAmount(payment.amount, payment.currency);
    if (typeof money === 'string') throw new Error(`unchecked amount reached the OKTO voucher: ${money}`);
    const payCode = formatPayCode({
      gln: SANDBOX_GLN,
      amountMinor: money.minor,
      currency: payment.currency,
      reference: slipReference(await ctx.sbx.nextId('okto_slip', 1)),
    });
    const tx = await newTransaction(ctx, payment, {
      payCode,
      payDigits: normalisePayCode(payCode),
      expiresAt: await ctx.orderExpiresAt(payment.clientUniqueId),
      redirectUrl: voucherUrl(ctx.publicUrl, payCode),
    });
    await ctx.sbx.insertTransaction(tx);
    return tx;
  },
};
