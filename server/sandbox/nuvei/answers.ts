/** Nuvei-shaped answers of the emulator, and the fault injection every emulated call goes through. */
import type { Context } from 'hono';
import { answerWithFault } from '../faults.ts';
import type { SandboxContext } from './context.ts';
import type { Refusal } from './sessions.ts';

/** errCode for a request the emulator cannot read (missing or wrongly typed fields); a sandbox choice. */
export const INVALID_REQUEST = 1000;

async function envelope(ctx: SandboxContext, clientRequestId: unknown) {
  return {
    internalRequestId: await ctx.sbx.nextId('internal_request', 600000001),
    merchantId: ctx.credentials.merchantId,
    merchantSiteId: ctx.credentials.merchantSiteId,
    version: '1.0',
    ...(typeof clientRequestId === 'string' ? { clientRequestId } : {}),
  };
}

/** A `status: "SUCCESS"` answer with the common Nuvei fields. */
export async function success(
  ctx: SandboxContext,
  clientRequestId: unknown,
  fields: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return { ...fields, ...(await envelope(ctx, clientRequestId)), status: 'SUCCESS', errCode: 0, reason: '' };
}

/** A `status: "ERROR"` answer (Nuvei answers HTTP 200 with it). */
export async function failure(
  ctx: SandboxContext,
  clientRequestId: unknown,
  refusal: Refusal,
): Promise<Record<string, unknown>> {
  return {
    ...(await envelope(ctx, clientRequestId)),
    status: 'ERROR',
    errCode: refusal.errCode,
    reason: refusal.reason,
  };
}

/**
 * Consults the armed faults before answering (design §4): `http500` and `malformed` answer at once
 * without doing the work; `timeout` does the work and holds the answer past the server's provider timeout.
 */
export function withFault(
  ctx: SandboxContext,
  c: Context,
  endpoint: string,
  answer: () => Response | Promise<Response>,
): Promise<Response> {
  return answerWithFault(ctx, 'nuvei', c, endpoint, '{"status":"SUCCESS","sessionTok', answer);
}
