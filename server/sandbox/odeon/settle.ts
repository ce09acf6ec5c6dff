/**
 * `POST /sandbox/odeon/settle {"transactionId": <Odeon id>, "status": "Completed" | "Declined"}`
 * (design §4): settles a refund or payout the seed leaves Created (4200…, APM payouts and refunds
 * before they settle by themselves, apm.ts) and sends its
 * notification. A sandbox control like `/sandbox/clock`, so no Basic auth. Answers 200 with the
 * settled transaction's status, 400 `{error: {code: "VALIDATION", …, fields}}` for a bad body, 404 for an
 * unknown id and 409 for a transaction that is not a Created refund or payout (payments settle through
 * their own pages, and what is settled stays settled).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { issuesToFields } from '../../http-error.ts';
import type { OdeonContext } from './context.ts';
import { type OdeonTx, OPERATION, STATUS } from './db.ts';
import { settleMoneyBack } from './money-back.ts';
import { TransactionId } from './requests.ts';

const SettleBody = z.strictObject({
  transactionId: TransactionId,
  status: z.enum(['Completed', 'Declined']),
});

const isMoneyBack = (tx: OdeonTx): tx is OdeonTx & { operation: 'Refund' | 'CardPayout' } =>
  tx.operation === 'Refund' || tx.operation === 'CardPayout';

const error = (code: string, message: string) => ({ error: { code, message } });

/** Registers `POST /odeon/settle` on the emulator's app (mounted at `/sandbox`). */
export function registerSettleRoute(app: Hono, ctx: OdeonContext): void {
  app.post('/odeon/settle', async (c) => {
    const body = SettleBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      const fields = issuesToFields(body.error.issues);
      return c.json(
        { error: { code: 'VALIDATION', message: 'The request has invalid fields.', fields } },
        400,
      );
    }
    const { transactionId, status } = body.data;
    const tx = await ctx.db.getTx(transactionId);
    if (!tx) return c.json(error('NOT_FOUND', `Unknown transaction ${transactionId}`), 404);
    if (!isMoneyBack(tx)) {
      return c.json(error('CONFLICT', 'Only a Created refund or payout is settled here'), 409);
    }
    const settled = tx.status === 'Created' ? await settleMoneyBack(ctx, tx, status) : undefined;
    if (!settled) {
      return c.json(error('CONFLICT', `Transaction ${transactionId} is not Created`), 409);
    }
    return c.json({
      transactionId: settled.transactionId,
      operationTypeCode: OPERATION[settled.operation],
      operationType: settled.operation,
      statusCode: STATUS[settled.status],
      status: settled.status,
    });
  });
}
