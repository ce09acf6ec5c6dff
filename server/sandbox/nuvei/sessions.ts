/** Session tokens of the emulator: issued by /getSessionToken or /openOrder, valid 15 minutes by the clock. */
import { NUVEI_ERR } from '../../providers/nuvei/errors.ts';
import type { Clock } from '../../types.ts';
import type { SandboxStore, SessionRow } from './db.ts';

/** How long a session token lives (platform-notes.md: "A session token lasts about 15 minutes"). */
export const SESSION_TTL_MS = 15 * 60 * 1000;

/** A Nuvei-style refusal: the errCode and reason an `ERROR` answer carries. */
export interface Refusal {
  errCode: number;
  reason: string;
}

/** Finds a live session, or the refusal Nuvei gives for an unknown (1065) or expired (1069) token. */
export async function resolveSession(
  sbx: SandboxStore,
  clock: Clock,
  token: unknown,
): Promise<{ session: SessionRow } | { refusal: Refusal }> {
  const session = typeof token === 'string' && token !== '' ? await sbx.session(token) : undefined;
  if (!session)
    return { refusal: { errCode: NUVEI_ERR.unknownSessionToken, reason: 'Invalid session token' } };
  if (clock.now() - session.issuedAt >= SESSION_TTL_MS) {
    return { refusal: { errCode: NUVEI_ERR.sessionExpired, reason: 'Session expired' } };
  }
  return { session };
}
