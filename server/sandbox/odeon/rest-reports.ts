/**
 * The report endpoints (seed "List", "Balance"), over every transaction the emulator processed.
 *
 * `/payments/list {date, timezone?}`: the transactions created on that calendar day in `timezone` (one
 * of the seed's dictionary; UTC without one), every operation and status, oldest first. A date that is
 * not `YYYY-MM-DD` or a timezone outside the dictionary is refused in the seed's style ("Invalid Date
 * value", "Invalid Timezone value").
 *
 * `GET /payments/balance`: one account, "The balance", with a line per currency that has seen a
 * transaction, in minor units summed exactly:
 * - total: completed payments less completed refunds and completed payouts (it may go below zero: the
 *   sandbox does not make a payout wait for earlier payments);
 * - pending: refunds and payouts still Created (reserved for ongoing transactions);
 * - hold, fee, pendingFee: 0 — the sandbox charges no fees and holds nothing;
 * - available: total − pending − hold − fee − pendingFee (as the seed's example adds up).
 */
import { z } from 'zod';
import { listItem, signedAmount } from './answers.ts';
import type { OdeonTx } from './db.ts';
import { ListRequest } from './requests.ts';
import { type EndpointTable, endpoint } from './rest.ts';

/** The offset of `timeZone` from UTC at `instant`, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The first instant of a local calendar day in `timeZone`: local midnight, with the offset re-read at
 * that instant (a DST change that day); where midnight does not exist (a change at 00:00, e.g.
 * Atlantic/Azores), the instant the clocks jump to the new day.
 */
function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  const onTheDay = (t: number) => Math.floor((t + zoneOffsetMs(t, timeZone)) / DAY_MS) * DAY_MS === wall;
  const candidates = [first, second].filter(onTheDay);
  return candidates.length > 0 ? Math.min(...candidates) : first;
}

/** `[start, end)` of the calendar day `date` (`YYYY-MM-DD`) in `timeZone`. */
export function dayRange(date: string, timeZone: string): [number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [startOfDay(year, month, day, timeZone), startOfDay(year, month, day + 1, timeZone)];
}

/** One currency of the balance, in minor units. */
interface Sums {
  total: number;
  pending: number;
}

/** Adds a transaction to its currency's sums (see the rules above). */
function account(sums: Sums, tx: OdeonTx): void {
  if (tx.operation === 'Payment') {
    if (tx.status === 'Completed') sums.total += tx.amountMinor;
  } else if (tx.status === 'RefundCompleted' || tx.status === 'PayoutCompleted') {
    sums.total -= tx.amountMinor;
  } else if (tx.status === 'Created') {
    sums.pending += tx.amountMinor;
  }
}

/** The report endpoints by seed path. */
export const REPORT_ENDPOINTS: EndpointTable = {
  'payments/list': endpoint({
    body: ListRequest,
    async handle(ctx, body) {
      const [start, end] = dayRange(body.date, body.timezone ?? 'UTC');
      const transactions = (await ctx.db.allTxs(end - 1)).filter((tx) => tx.createdAt >= start).map(listItem);
      return { body: { success: true, message: null, transactions } };
    },
  }),

  'payments/balance': endpoint({
    method: 'GET',
    body: z.unknown(),
    async handle(ctx) {
      const byCurrency = new Map<string, Sums>();
      for (const tx of await ctx.db.allTxs()) {
        const sums = byCurrency.get(tx.currency) ?? { total: 0, pending: 0 };
        byCurrency.set(tx.currency, sums);
        account(sums, tx);
      }
      const currencies = [...byCurrency.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, { total, pending }]) => ({
          currency,
          total: signedAmount(total, currency),
          pending: signedAmount(pending, currency),
          hold: signedAmount(0, currency),
          fee: signedAmount(0, currency),
          pendingFee: signedAmount(0, currency),
          available: signedAmount(total - pending, currency),
        }));
      return { body: { success: true, message: null, balances: [{ name: 'The balance', currencies }] } };
    },
  }),
};
