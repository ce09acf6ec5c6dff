import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { asMerchant, asWidget, createOrder, MERCHANT_KEY, orderBody, testApp } from '../testing.ts';
import { BODY_LIMITS, bodyLimitFor, DEFAULT_BODY_LIMIT } from './body-limit.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

const KB = 1024;
const MB = 1024 * KB;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

/** A body of `totalBytes` that the server pulls chunk by chunk (no Content-Length: chunked). */
function streamedBody(prefix: string, totalBytes: number, chunkBytes = 64 * KB) {
  let pulled = 0;
  const first = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= totalBytes) return controller.close();
        const chunk = pulled === 0 ? first : new Uint8Array(chunkBytes).fill(0x61);
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

/** `json` padded with trailing spaces (still valid JSON) to exactly `bytes` bytes. */
function padded(json: unknown, bytes: number): string {
  const text = JSON.stringify(json);
  const size = Buffer.byteLength(text);
  if (size > bytes) throw new Error(`body of ${size} bytes is over ${bytes}`);
  return text + ' '.repeat(bytes - size);
}

const limitOf = (path: string) => bodyLimitFor(path).maxBytes;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('request body limits', () => {
  it('answers a 50 MB chunked POST /webhooks/nuvei with 413 after reading about the limit, and stores nothing', async () => {
    kassa = testApp();
    const limit = limitOf('/webhooks/nuvei');
    const body = streamedBody('ppp_status=OK&Status=APPROVED&advanceResponseChecksum=bad&pad=', 50 * MB);
    const res = await kassa.app.request('/webhooks/nuvei', {
      method: 'POST',
      headers: FORM,
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await errorOf(res)).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is too large: this route accepts at most ${limit / KB} KB.`,
    });
    const readAtAnswer = body.pulled();
    expect(readAtAnswer).toBeGreaterThan(limit);
    expect(readAtAnswer).toBeLessThan(limit + 3 * 64 * KB);
    await nextTurn();
    expect(body.pulled(), 'nothing more is read after the answer').toBe(readAtAnswer);
    expect(await kassa.services.store.listWebhooks('nuvei')).toEqual([]);
  });

  it('answers 413 at once, reading nothing, when the declared Content-Length is over the limit', async () => {
    kassa = testApp();
    const body = streamedBody('x=', 50 * MB);
    const res = await kassa.app.request('/webhooks/nuvei', {
      method: 'POST',
      headers: { ...FORM, 'content-length': String(50 * MB) },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(body.pulled()).toBe(0);
  });

  it('over a socket: answers 413 and closes the connection instead of reading the rest', async () => {
    kassa = testApp();
    const server = serve({ fetch: kassa.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      // A client that sends 50 MB chunked whatever the server answers, as a flood would.
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let answer = '';
      let closed = false;
      socket.on('data', (data) => {
        answer += data.toString();
      });
      socket.on('error', () => {
        // Expected once the server has closed: EPIPE or ECONNRESET on the next write.
      });
      socket.on('close', () => {
        closed = true;
      });
      socket.write(
        'POST /webhooks/nuvei HTTP/1.1\r\nHost: kassa.test\r\n' +
          'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const chunk = Buffer.concat([
        Buffer.from('10000\r\n'),
        Buffer.alloc(64 * KB, 0x61),
        Buffer.from('\r\n'),
      ]);
      let written = 0;
      const deadline = Date.now() + 10_000;
      while (written < 50 * MB && !closed && Date.now() < deadline) {
        written += chunk.length;
        if (!socket.write(chunk)) {
          await new Promise((resume) => {
            socket.once('drain', resume);
            socket.once('close', resume);
          });
        }
      }
      expect(closed, 'the server closed the connection').toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      // What fitted into the socket buffers before the close: far below the 50 MB offered.
      expect(written).toBeLessThan(25 * MB);
      expect(await kassa.services.store.listWebhooks('nuvei')).toEqual([]);
      socket.destroy();
    } finally {
      server.close();
    }
  });

  it('refuses one byte over the limit on every route family, each 413 naming its limit', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const families: [string, Record<string, string>][] = [
      ['/webhooks/nuvei', FORM],
      ['/api/checkout/start', { authorization: `Bearer ${clientToken}`, ...JSON_TYPE }],
      ['/api/orders', { authorization: `Bearer ${MERCHANT_KEY}`, ...JSON_TYPE }],
      ['/sandbox/clock', JSON_TYPE],
      ['/sandbox/okto/pos/pay', FORM],
      ['/demo/api/orders', JSON_TYPE],
      ['/return/nuvei/success?tx=tx_1', FORM],
    ];
    for (const [path, headers] of families) {
      const limit = limitOf(new URL(path, 'http://x').pathname);
      const res = await kassa.app.request(path, { method: 'POST', headers, body: 'a'.repeat(limit + 1) });
      expect([path, res.status]).toEqual([path, 413]);
      expect((await errorOf(res)).message).toContain(`at most ${limit / KB} KB`);
    }
  });

  it('still takes a body just under the limit on each route family', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);

    const webhookLimit = limitOf('/webhooks/nuvei');
    const prefix = 'ppp_status=OK&advanceResponseChecksum=bad&pad=';
    const dmn = prefix + 'a'.repeat(webhookLimit - 1 - prefix.length);
    const webhook = await kassa.app.request('/webhooks/nuvei', { method: 'POST', headers: FORM, body: dmn });
    expect(webhook.status, 'read and checked: a bad checksum').toBe(401);
    expect((await kassa.services.store.listWebhooks('nuvei')).map((w) => w.reason)).toEqual(['bad checksum']);

    const start = await kassa.app.request('/api/checkout/start', {
      ...asWidget(clientToken),
      method: 'POST',
      body: padded({ method: 'okto-cash' }, limitOf('/api/checkout/start') - 1),
    });
    expect(start.status).toBe(200);
    expect(((await start.json()) as { type: string }).type).toBe('sdk');

    const order = await kassa.app.request('/api/orders', {
      ...asMerchant(),
      method: 'POST',
      body: padded(orderBody({ reference: 'padded' }), limitOf('/api/orders') - 1),
    });
    expect(order.status).toBe(201);

    const demo = await kassa.app.request('/demo/api/orders', {
      method: 'POST',
      headers: JSON_TYPE,
      body: padded(orderBody({ reference: 'demo-padded' }), limitOf('/demo/api/orders') - 1),
    });
    expect(demo.status).toBe(201);

    const clock = await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: JSON_TYPE,
      body: padded({ advanceSeconds: 0 }, limitOf('/sandbox/clock') - 1),
    });
    expect(clock.status).toBe(200);
  });

  it('takes the largest valid order even when its text is escaped as \\uXXXX (PHP and Python by default)', async () => {
    kassa = testApp();
    const text = (length: number) => 'Ω'.repeat(length);
    const metadata = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`${String(i).padStart(2, '0')}${text(38)}`, text(500)]),
    );
    const body = orderBody({
      description: text(200),
      reference: text(64),
      metadata,
      customer: {
        id: text(64),
        firstName: text(100),
        lastName: text(100),
        email: 'john.smith@email.com',
        identification: text(40),
        address: text(200),
        city: text(100),
        postalCode: text(20),
      },
    });
    const escaped = JSON.stringify(body).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const bytes = Buffer.byteLength(escaped);
    expect(bytes).toBeGreaterThan(64 * KB);
    expect(bytes).toBeLessThan(limitOf('/api/orders'));
    const res = await kassa.app.request('/api/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${MERCHANT_KEY}`, ...JSON_TYPE },
      body: escaped,
    });
    expect(res.status).toBe(201);
  });

  it('lets a 413 for the widget API through CORS, so a cross-origin widget can read it', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const res = await kassa.app.request('/api/checkout/start', {
      method: 'POST',
      headers: { authorization: `Bearer ${clientToken}`, ...JSON_TYPE, origin: 'https://shop.example' },
      body: 'a'.repeat(limitOf('/api/checkout/start') + 1),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('has a limit for every path: specific families first, then the default', () => {
    expect(bodyLimitFor('/api/checkout/start')).toBe(BODY_LIMITS.find((l) => l.prefix === '/api/checkout'));
    expect(bodyLimitFor('/api/orders/ord_1/cancel')).toBe(BODY_LIMITS.find((l) => l.prefix === '/api'));
    expect(bodyLimitFor('/apis')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor('/return/nuvei/success')).toBe(DEFAULT_BODY_LIMIT);
    for (const limit of [...BODY_LIMITS, DEFAULT_BODY_LIMIT])
      expect(limit.maxBytes).toBeLessThanOrEqual(96 * KB);
  });
});
