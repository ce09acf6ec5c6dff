/**
 * Merchant reports (design §3 "Merchant backend"): `GET /api/balance` — the provider's balances — and
 * `GET /api/reports/transactions?date=YYYY-MM-DD&timezone=…` — the provider's day list joined to Kassa's
 * orders by invoiceId (the Kassa transaction id) or the provider's transaction id. Amounts are decimal
 * strings. The reports come from the configured provider that brings them (`ServerProvider.reports`).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireMerchant } from '../auth.ts';
import { HttpError, validationError } from '../http-error.ts';
import { providerHttpError } from '../providers/http-error.ts';
import type { ProviderReports } from '../providers/registry.ts';
import type { Services } from '../services.ts';
import { expectNothing, parseQuery } from '../validate.ts';

const ReportQuery = z.strictObject({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date'),
  timezone: z.optional(z.string().min(1).max(64)),
});

/** Creates the report routes (mounted at `/api`). */
export function reportRoutes(services: Services): Hono {
  const app = new Hono();
  app.use('/balance', async (c, next) => {
    requireMerchant(c, services);
    await next();
  });
  app.use('/reports/*', async (c, next) => {
    requireMerchant(c, services);
    await next();
  });

  /** The configured provider that reports, or a 409 saying none does. */
  const reporter = () => {
    const found = services.providers.active().find((p) => p.module.reports);
    if (!found?.module.reports) {
      throw new HttpError(409, 'REPORTS_UNAVAILABLE', 'No configured provider offers balances and reports.');
    }
    return {
      name: found.module.name,
      reports: found.module.reports as ProviderReports<unknown>,
      runtime: found.runtime,
    };
  };

  app.get('/balance', async (c) => {
    await expectNothing(c);
    const { name, reports, runtime } = reporter();
    try {
      return c.json({ provider: name, balances: await reports.balance(runtime) });
    } catch (error) {
      services.log.warn('balance failed', { provider: name, kind: (error as { kind?: string }).kind });
      throw providerHttpError(error);
    }
  });

  app.get('/reports/transactions', async (c) => {
    const query = parseQuery(c, ReportQuery);
    const { name, reports, runtime } = reporter();
    if (query.timezone !== undefined && !reports.timezones.includes(query.timezone)) {
      throw validationError([
        { path: 'timezone', message: `must be one of ${reports.timezones.join(', ')}` },
      ]);
    }
    let lines: Awaited<ReturnType<typeof reports.transactions>>;
    try {
      lines = await reports.transactions(runtime, query.date, query.timezone);
    } catch (error) {
      services.log.warn('transactions report failed', {
        provider: name,
        kind: (error as { kind?: string }).kind,
      });
      throw providerHttpError(error);
    }
    const { store } = services;
    const transactions = [];
    for (const line of lines) {
      const tx =
        (line.invoiceId ? await store.getTransaction(line.invoiceId) : undefined) ??
        (await store.findTransactionByProviderId(name, line.providerTransactionId));
      transactions.push({
        ...line,
        kassa: tx ? { orderId: tx.orderId, transactionId: tx.id, kind: tx.kind, status: tx.status } : null,
      });
    }
    return c.json({ provider: name, date: query.date, timezone: query.timezone ?? 'UTC', transactions });
  });

  return app;
}
