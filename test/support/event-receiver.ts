/**
 * A merchant's webhook receiver for the multi-instance tests (design §3 "Merchant events"): records
 * every delivery attempt with its event id and `Kassa-Signature`, and can answer slowly, fail (503)
 * or hold requests unanswered, so tests can make deliveries overlap, retry, or hang in flight.
 * A delivery counts as *accepted* only when its 2xx answer was actually written to a live connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../server/merchant-events/signature.ts';

export type ReceiverMode = 'ok' | 'fail' | 'hang';

/** One event as the receiver saw it. */
export interface ReceivedEvent {
  id: string;
  type: string;
  orderId: string;
  signature: string;
  /** Whether `Kassa-Signature` verifies with the secret within 300 s. */
  signatureValid: boolean;
  /** What happened to this attempt. */
  outcome: 'accepted' | 'refused' | 'held' | 'aborted';
}

export interface EventReceiver {
  url: string;
  /** `ok` answers 200 (after `delayMs`), `fail` answers 503, `hang` holds the request unanswered. */
  setMode(mode: ReceiverMode): void;
  /** How long an `ok` answer waits (a slow merchant: deliveries overlap the instances' polls). */
  setDelay(delayMs: number | (() => number)): void;
  /** Every attempt so far, in arrival order. */
  readonly attempts: readonly ReceivedEvent[];
  /** The attempts that were answered 2xx: the deliveries. */
  accepted(): ReceivedEvent[];
  /** Requests held now (mode `hang`) whose sender is still connected. */
  heldCount(): number;
  /** Answers every held request with `status` (a sender that died meanwhile gets nothing). */
  releaseHeld(status: number): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });

/** Starts a receiver on a free loopback port that checks signatures with `secret`. */
export async function startEventReceiver(secret: string): Promise<EventReceiver> {
  let mode: ReceiverMode = 'ok';
  let delay: () => number = () => 0;
  const attempts: ReceivedEvent[] = [];
  const held: { res: ServerResponse; event: ReceivedEvent }[] = [];

  const answer = (res: ServerResponse, event: ReceivedEvent, status: number) => {
    if (res.destroyed || res.socket?.destroyed) {
      event.outcome = 'aborted';
      return;
    }
    event.outcome = status >= 200 && status < 300 ? 'accepted' : 'refused';
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ received: status < 300 }));
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let parsed: { id?: unknown; type?: unknown; order?: { id?: unknown } } = {};
    try {
      parsed = JSON.parse(raw);
    } catch {
      // Recorded with empty fields; the test's assertions on ids catch it.
    }
    const signature = String(req.headers['kassa-signature'] ?? '');
    const event: ReceivedEvent = {
      id: String(parsed.id ?? ''),
      type: String(parsed.type ?? ''),
      orderId: String(parsed.order?.id ?? ''),
      signature,
      signatureValid: verifyWebhook(raw, signature, secret, { toleranceSeconds: 300 }),
      outcome: 'held',
    };
    attempts.push(event);
    if (mode === 'hang') {
      held.push({ res, event });
      res.on('close', () => {
        if (event.outcome === 'held') event.outcome = 'aborted';
      });
      return;
    }
    if (mode === 'fail') return answer(res, event, 503);
    const wait = delay();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    answer(res, event, 200);
  });
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/kassa`,
    setMode(next) {
      mode = next;
    },
    setDelay(value) {
      delay = typeof value === 'number' ? () => value : value;
    },
    attempts,
    accepted: () => attempts.filter((a) => a.outcome === 'accepted'),
    heldCount: () => held.filter(({ event }) => event.outcome === 'held').length,
    releaseHeld(status) {
      for (const { res, event } of held.splice(0)) if (event.outcome === 'held') answer(res, event, status);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const { res } of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
