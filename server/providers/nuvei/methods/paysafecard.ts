/**
 * paysafecard through Nuvei (seed nuvei-paysafecard.txt): deposits with the Web SDK and the
 * paysafecard page in a popup (or a full-page redirect), payouts via createUser → addUPOAPM → payout.
 */
import type { MethodField, NextAction } from '../../../../src/contract/schemas.ts';
import { defineMethod } from '../../../methods/types.ts';
import type { OrderRecord } from '../../../store/types.ts';
import type { NuveiGateway } from '../gateway.ts';
import { voucherFromApmAnswer } from '../map.ts';
import { paysafecardOffered } from './availability.ts';
import { sendPaysafecardPayout } from './paysafecard-payout.ts';
import { confirmSdkResult, openNuveiSession, resumeNuveiSession } from './sdk-flow.ts';

const DEPOSIT_FIELDS: MethodField[] = [
  { name: 'firstName', required: true },
  { name: 'lastName', required: true },
  { name: 'email', required: true },
];
// Seed "Payout (Withdrawal) Flow" step 2: account_id, wd_pay_safe_first_name/last_name/birthdate, billingAddress.email.
const PAYOUT_FIELDS: MethodField[] = [
  { name: 'account', required: true },
  { name: 'firstName', required: true },
  { name: 'lastName', required: true },
  { name: 'dateOfBirth', required: true },
  { name: 'email', required: true },
];

/** The paysafecard page gives the shopper 30 minutes (seed "User Experience"). */
export const PAYSAFECARD_WINDOW_MS = 30 * 60_000;
const PAYMENT_METHOD = 'apmgw_PaySafeCard';

/** The paysafecard method: deposits (Web SDK, sdk flow) and payouts (server flow). */
export const paysafecard = defineMethod<NuveiGateway>({
  id: 'paysafecard',
  label: 'paysafecard',
  icon: 'prepaid',
  provider: 'nuvei',
  flow: 'sdk',
  kinds: ['payment', 'payout'],
  attemptWindowMs: PAYSAFECARD_WINDOW_MS,
  fields(order: OrderRecord) {
    if (!paysafecardOffered(order.country, order.currency)) return null;
    return order.kind === 'payout' ? PAYOUT_FIELDS : DEPOSIT_FIELDS;
  },
  start(ctx, tx, fields) {
    if (ctx.order.kind === 'payout') return sendPaysafecardPayout(ctx, tx, fields ?? {});
    return openNuveiSession(ctx, tx, PAYMENT_METHOD);
  },
  resume(ctx, tx) {
    // Payouts have no provider session: the server sends them, and never twice (see the start route).
    return ctx.order.kind === 'payout' ? null : resumeNuveiSession(ctx, tx, PAYMENT_METHOD);
  },
  async complete(ctx, tx, result) {
    // The widget says whether it opened the paysafecard window itself (then the return page just closes).
    const popup = result.kassaPopup === true;
    await ctx.orders.saveTransaction(tx.id, { data: { popup } });
    return confirmSdkResult(ctx, tx, result, PAYMENT_METHOD, (answer): NextAction | null => {
      const found = voucherFromApmAnswer(answer);
      if (!found?.redirectUrl) return null;
      return { type: 'redirect', url: found.redirectUrl, popup };
    });
  },
});
