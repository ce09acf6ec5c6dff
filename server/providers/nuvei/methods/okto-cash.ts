/**
 * OKTO Cash through the Nuvei Web SDK (seed nuvei-okto-cash.txt, "Payment (Deposit) Flow" → Web SDK):
 * openOrder when selected, createPayment in the browser, the pay code shown as a voucher, the DMN settles.
 */
import { formatAmount } from '../../../../src/contract/money.ts';
import type { MethodField, NextAction } from '../../../../src/contract/schemas.ts';
import { defineMethod } from '../../../methods/types.ts';
import type { OrderRecord, TransactionRecord } from '../../../store/types.ts';
import type { NuveiContext, NuveiGateway } from '../gateway.ts';
import { voucherFromApmAnswer } from '../map.ts';
import { oktoRuleFor } from './availability.ts';
import { confirmSdkResult, openNuveiSession, resumeNuveiSession } from './sdk-flow.ts';

const BASE_FIELDS: MethodField[] = [
  { name: 'firstName', required: true },
  { name: 'lastName', required: true },
  { name: 'email', required: true },
];
const EXTRA_FIELDS: MethodField[] = [
  { name: 'dateOfBirth', required: true },
  { name: 'phone', required: true },
  { name: 'identification', required: true },
];

/** Where shoppers find a shop that accepts OKTO pay codes. */
export function storeLocatorUrl(ctx: NuveiContext): string {
  return ctx.config.mode === 'sandbox'
    ? `${ctx.config.publicUrl}/sandbox/okto/stores?country=${ctx.order.country}`
    : 'https://www.okto.cash/';
}

/** The voucher action for a pay code, formatted as the country requires (design §3). */
export function voucherAction(ctx: NuveiContext, payCode: string): NextAction {
  const { order } = ctx;
  const rule = oktoRuleFor(order.country, order.currency, order.amountMinor);
  return {
    type: 'voucher',
    payCode,
    format: rule?.format ?? 'gs1-128',
    ...(rule?.alternateFormat ? { alternateFormat: rule.alternateFormat } : {}),
    qrPayload: payCode,
    storeLocatorUrl: storeLocatorUrl(ctx),
    expiresAt: new Date(order.expiresAt).toISOString(),
    amount: formatAmount(order.amountMinor, order.currency),
    currency: order.currency,
  };
}

/** The OKTO Cash method. */
export const oktoCash = defineMethod<NuveiGateway>({
  id: 'okto-cash',
  label: 'OKTO Cash',
  icon: 'cash',
  provider: 'nuvei',
  flow: 'sdk',
  kinds: ['payment'],
  fields(order: OrderRecord) {
    const rule = oktoRuleFor(order.country, order.currency, order.amountMinor);
    if (!rule) return null;
    return rule.extraFields ? [...BASE_FIELDS, ...EXTRA_FIELDS] : BASE_FIELDS;
  },
  start(ctx, tx) {
    return openNuveiSession(ctx, tx, 'apmgw_OKTO_CASH');
  },
  resume(ctx, tx) {
    return resumeNuveiSession(ctx, tx, 'apmgw_OKTO_CASH');
  },
  complete(ctx: NuveiContext, tx: TransactionRecord, result: Record<string, unknown>) {
    return confirmSdkResult(ctx, tx, result, 'apmgw_OKTO_CASH', (answer) => {
      // Cash vouchers stay pending until the shop accepts the cash; the DMN settles them.
      const found = voucherFromApmAnswer(answer);
      if (!found) return null;
      if ('payCode' in found) return voucherAction(ctx, found.payCode);
      return { type: 'redirect', url: found.redirectUrl, popup: true };
    });
  },
});
