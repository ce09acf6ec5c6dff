/**
 * Nuvei over the shared provider transport: one JSON POST to `<apiUrl><method>.do`, read leniently,
 * `status: "ERROR"` turned into a rejected NuveiError. Retries (once) only where the caller says the
 * call is idempotent (design §3 Rules).
 */
import type { z } from 'zod';
import type { FetchFn, Logger } from '../../types.ts';
import { createTransport as createProviderTransport } from '../transport.ts';
import { NuveiError } from './errors.ts';
import { BaseAnswer } from './schemas.ts';

/** What the transport needs: the base URL (ending in `/ppp/api/v1/`), fetch, a budget and a logger. */
export interface TransportOptions {
  apiUrl: string;
  fetch: FetchFn;
  timeoutMs: number;
  log: Logger;
}

/** Posts a body to `<apiUrl><method>.do` and returns the parsed success answer, or throws a NuveiError. */
export type Post = <S extends z.ZodType>(
  method: string,
  body: Record<string, unknown>,
  schema: S,
  options?: { idempotent?: boolean },
) => Promise<z.output<S>>;

/** Builds the `post` function shared by every Nuvei client method. */
export function createTransport(options: TransportOptions): Post {
  const send = createProviderTransport({
    provider: 'nuvei',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    log: options.log,
    error: (kind, endpoint, details) => new NuveiError(kind, endpoint, details),
  });

  return (method, body, schema, callOptions = {}) =>
    send(
      {
        endpoint: method,
        url: `${options.apiUrl}${method}.do`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        logFields: {
          clientRequestId: typeof body.clientRequestId === 'string' ? body.clientRequestId : undefined,
        },
        idempotent: callOptions.idempotent === true,
      },
      (json) => {
        const base = BaseAnswer.safeParse(json);
        if (!base.success) throw new NuveiError('malformed', method);
        if (base.data.status === 'ERROR') {
          throw new NuveiError('rejected', method, { errCode: base.data.errCode, reason: base.data.reason });
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) throw new NuveiError('malformed', method);
        return parsed.data as z.output<typeof schema>;
      },
    );
}
