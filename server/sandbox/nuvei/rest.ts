/** The Nuvei REST emulator: `POST /nuvei/ppp/api/v1/<method>.do` (platform-notes.md, "Test base URL"). */
import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { NUVEI_ERR } from '../../providers/nuvei/errors.ts';
import { bodyChecksum, type ChecksumMethod, isNuveiTimestamp } from '../../providers/nuvei/signing.ts';
import { failure, INVALID_REQUEST, withFault } from './answers.ts';
import type { SandboxContext } from './context.ts';
import { REST_METHODS } from './rest-methods.ts';
import type { Refusal } from './sessions.ts';

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Checks merchant ids, timeStamp and checksum of a signed request; null when all are right. */
function checkSigned(
  ctx: SandboxContext,
  method: ChecksumMethod,
  body: Record<string, unknown>,
): Refusal | null {
  const { credentials } = ctx;
  if (
    String(body.merchantId) !== credentials.merchantId ||
    String(body.merchantSiteId) !== credentials.merchantSiteId
  ) {
    return { errCode: INVALID_REQUEST, reason: 'Invalid merchantId or merchantSiteId' };
  }
  if (typeof body.timeStamp !== 'string' || !isNuveiTimestamp(body.timeStamp)) {
    return { errCode: NUVEI_ERR.invalidTimestamp, reason: 'Invalid timeStamp' };
  }
  const expected = bodyChecksum(method, body, credentials.secretKey, credentials.checksum);
  const given = typeof body.checksum === 'string' ? body.checksum.toLowerCase() : '';
  return sameText(given, expected)
    ? null
    : { errCode: NUVEI_ERR.invalidChecksum, reason: 'Invalid checksum' };
}

/** Registers the REST routes on the sandbox app. */
export function registerRestRoutes(app: Hono, ctx: SandboxContext): void {
  app.post('/nuvei/ppp/api/v1/:file', async (c) => {
    const file = c.req.param('file');
    const name = file.endsWith('.do') ? file.slice(0, -3) : '';
    const method = Object.hasOwn(REST_METHODS, name) ? REST_METHODS[name] : undefined;
    if (!method) return c.json({ status: 'ERROR', reason: `Unknown API method: ${file}` }, 404);
    return withFault(ctx, c, name, async () => {
      const body: unknown = await c.req.json().catch(() => null);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return c.json(
          await failure(ctx, undefined, {
            errCode: INVALID_REQUEST,
            reason: 'The request is not a JSON object',
          }),
        );
      }
      const record = body as Record<string, unknown>;
      const refusal = method.checksum ? checkSigned(ctx, method.checksum, record) : null;
      if (refusal) return c.json(await failure(ctx, record.clientRequestId, refusal));
      return c.json(await method.handle(ctx, record));
    });
  });
}
