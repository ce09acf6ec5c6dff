/**
 * Odeon's merchant reports (design §3 `GET /api/balance`, `GET /api/reports/transactions`): its
 * `/payments/balance` and the day's `/payments/list` (seed "Balance", "List"), every amount turned from
 * Odeon's JSON number into a decimal string without floating-point arithmetic.
 */
import { formatAmount } from '../../../src/contract/money.ts';
import type { BalanceLine, ProviderReports, ReportLine } from '../registry.ts';
import { parseOdeonAmount } from './amounts.ts';
import type { OdeonRuntime } from './runtime.ts';
import { ODEON_TIMEZONES, type OdeonTimezone } from './timezones.ts';

/**
 * An Odeon amount as a decimal string in the currency's exponent (`14633` EUR → "14633.00"). A currency
 * outside ISO 4217 (an APM's USDT) keeps the number's own shortest text: its exponent is not known here.
 */
export function decimalText(amount: number, currency: string): string {
  const minor = parseOdeonAmount(amount, currency);
  if (typeof minor === 'number') return formatAmount(minor, currency);
  return String(amount);
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);

export const odeonReports: ProviderReports<OdeonRuntime> = {
  timezones: ODEON_TIMEZONES,
  async balance(odeon) {
    const answer = await odeon.client.balance();
    return answer.balances.map((account) => ({
      name: account.name,
      currencies: account.currencies.map(
        (c): BalanceLine => ({
          currency: c.currency,
          total: decimalText(c.total, c.currency),
          pending: decimalText(c.pending, c.currency),
          hold: decimalText(c.hold, c.currency),
          fee: decimalText(c.fee, c.currency),
          pendingFee: decimalText(c.pendingFee, c.currency),
          available: decimalText(c.available, c.currency),
        }),
      ),
    }));
  },
  async transactions(odeon, date, timezone) {
    const answer = await odeon.client.list(date, timezone as OdeonTimezone | undefined);
    return answer.transactions.map(
      (t): ReportLine => ({
        providerTransactionId: String(t.id),
        status: t.status,
        operationType: t.operationType ?? null,
        amount: decimalText(t.amount, t.currency),
        currency: t.currency,
        invoiceId: t.invoiceId ?? null,
        created: iso(t.created),
        completed: iso(t.completed),
        card: t.cardFirstSix && t.cardLastFour ? `${t.cardFirstSix}******${t.cardLastFour}` : null,
        reason: t.reason ?? null,
        paymentTransactionId: t.paymentTransactionId == null ? null : String(t.paymentTransactionId),
      }),
    );
  },
};
