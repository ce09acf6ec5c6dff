/**
 * The three measurements of `npm run bench:server`, each over one or more running instances
 * (`Target`s) that share one database: status reads, long-polls held and woken, and Nuvei DMN
 * ingest. Only the design's HTTP contracts are used (merchant key, client tokens, the sandbox's
 * Web SDK stand-in); nothing here asserts — failures are counted and reported.
 */
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { SANDBOX_NUVEI } from '../../server/providers/nuvei/config.ts';
import { buildPaymentDmn } from '../../server/sandbox/nuvei/dmn-build.ts';
import { type CpuShare, cpuSampler } from './bench-cpu.ts';
import {
  deadline,
  Failures,
  keepAliveAgent,
  percentile,
  pool,
  type Reply,
  sleep,
  Target,
} from './bench-http.ts';
import type { Instance, Memory } from './bench-instances.ts';

/** The instances of one cell as the load generator sees them. */
export interface Cell {
  targets: Target[];
  instances: Instance[];
  merchantKey: string;
}

export function cellOf(instances: Instance[], merchantKey: string, socketsPerInstance: number): Cell {
  return {
    instances,
    merchantKey,
    targets: instances.map((i) => new Target(i.url, keepAliveAgent(socketsPerInstance))),
  };
}

/**
 * New keep-alive connections for the next phase: a connection left idle longer than the server's
 * keep-alive timeout (5 s) may be closed by the server just as it is reused (ECONNRESET).
 */
export function renewConnections(cell: Cell, socketsPerInstance: number): void {
  cell.targets = cell.targets.map((t) => {
    t.agent.destroy();
    return new Target(t.url, keepAliveAgent(socketsPerInstance));
  });
}

const sampleCpu = (cell: Cell) => cpuSampler(cell.instances.flatMap((i) => i.pids()));

/** Closes the keep-alive sockets of a cell's agents. */
export function closeCell(cell: Cell): void {
  for (const t of cell.targets) t.agent.destroy();
}

export interface BenchOrder {
  orderId: string;
  clientToken: string;
}

const ORDER_BODY = {
  kind: 'payment',
  amount: '10.00',
  currency: 'EUR',
  country: 'GR',
  description: 'Bench order',
  customer: { id: 'bench', firstName: 'John', lastName: 'Smith', email: 'john.smith@email.com' },
  returnUrl: 'https://shop.example/return',
};

const json = { 'content-type': 'application/json' };
const widget = (token: string) => ({ authorization: `Bearer ${token}` });
const merchant = (cell: Cell) => ({ authorization: `Bearer ${cell.merchantKey}` });
const pick = (cell: Cell, i: number): Target => cell.targets[i % cell.targets.length] as Target;

function parse<T>(reply: Reply): T {
  return JSON.parse(reply.body) as T;
}

/** Time caps that keep a run bounded on a slow or busy machine (fewer items are then measured). */
export const CAPS = {
  createMs: 20_000,
  versionsMs: 10_000,
  changesMs: 12_000,
  prepareMs: 15_000,
  dmnsMs: 12_000,
};

/** Creates `n` orders (POST /api/orders with the merchant key), spread over the instances. */
export async function createOrders(
  cell: Cell,
  n: number,
  concurrency: number,
  failures: Failures,
  capMs = CAPS.createMs,
): Promise<{ orders: BenchOrder[]; perSecond: number }> {
  const until = deadline(capMs);
  const orders: BenchOrder[] = [];
  const body = JSON.stringify(ORDER_BODY);
  const started = performance.now();
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async (i) => {
      try {
        const reply = await pick(cell, i).request('/api/orders', {
          method: 'POST',
          headers: { ...merchant(cell), ...json },
          body,
        });
        if (reply.status !== 201) return failures.add(`create order: HTTP ${reply.status}`);
        const { orderId, clientToken } = parse<BenchOrder>(reply);
        orders.push({ orderId, clientToken });
      } catch (error) {
        failures.addError(error, 'create order');
      }
    },
    until,
  );
  return { orders, perSecond: (orders.length * 1000) / (performance.now() - started) };
}

// ---------------------------------------------------------------------------------------------------
// 1. Status reads

export interface ReadResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU use while measuring: load generator, servers, PostgreSQL, others. */
  cpu: CpuShare | undefined;
  failures: Failures;
}

/**
 * `connections` keep-alive connections (split over the instances) each read
 * GET /api/checkout/status?wait=0 back to back for `durationMs`, after an unrecorded warm-up.
 */
export async function statusReads(
  cell: Cell,
  orders: BenchOrder[],
  options: { connections: number; durationMs: number; warmupMs: number },
): Promise<ReadResult> {
  const failures = new Failures();
  const latencies: number[] = [];
  const measureFrom = performance.now() + options.warmupMs;
  const measureTo = measureFrom + options.durationMs;
  let cpu: ReturnType<typeof sampleCpu> | undefined;
  let share: CpuShare | undefined;
  const warm = setTimeout(() => {
    cpu = sampleCpu(cell);
  }, options.warmupMs);
  const done = setTimeout(() => {
    share = cpu?.stop();
  }, options.warmupMs + options.durationMs);
  const worker = async (w: number) => {
    const target = pick(cell, w);
    for (let j = 0; performance.now() < measureTo; j++) {
      const order = orders[(w + j * options.connections) % orders.length] as BenchOrder;
      try {
        const reply = await target.request('/api/checkout/status?wait=0', {
          headers: widget(order.clientToken),
        });
        const counted = reply.sentAt >= measureFrom && reply.answeredAt <= measureTo;
        if (reply.status !== 200) failures.add(`status read: HTTP ${reply.status}`);
        else if (counted) latencies.push(reply.answeredAt - reply.sentAt);
      } catch (error) {
        failures.addError(error, 'status read');
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, w) => worker(w)));
  clearTimeout(warm);
  clearTimeout(done);
  return {
    cpu: share,
    connections: options.connections,
    seconds: options.durationMs / 1000,
    requests: latencies.length,
    perSecond: (latencies.length * 1000) / options.durationMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

// ---------------------------------------------------------------------------------------------------
// 2. Long-polls held, then woken by a change through the other instance

export interface PollResult {
  wanted: number;
  /** Long-polls open and unanswered when the changes began. */
  held: number;
  /** Of those not changed, still held when the changes ended (timed-out ones re-armed, as the widget does). */
  stillHeld: number;
  /** Long-polls answered at their wait=30 timeout and sent again. */
  rearmed: number;
  /** Time to open all of them (connect + request sent), ms. */
  openMs: number;
  /** Answered before their order changed with something other than a timeout (should be none). */
  early: number;
  /** Changes made (cancel answered 200) while their long-poll was held: a subset of `held`. */
  changed: number;
  /** Orders whose long-poll was held and that were not changed (still open, for the DMN measurement). */
  untouched: BenchOrder[];
  /** Long-polls that answered with the change. */
  woken: number;
  /** Changes per second through the cancel route while measuring. */
  changeRate: number;
  /** CPU use while changing orders and waking long-polls. */
  cpu: CpuShare;
  /** From the change's answer to the long-poll's answer, ms (negative: the long-poll answered first). */
  wakeP50: number;
  wakeP99: number;
  wakeMax: number;
  /** From the change's request to the long-poll's answer, ms: an upper bound of commit → wake-up. */
  fromSendP50: number;
  fromSendP99: number;
  /** Server memory with every long-poll held, per instance. */
  memory: (Memory | undefined)[];
  failures: Failures;
}

interface Poll {
  order: BenchOrder;
  /** The instance holding it (one connection per long-poll, closed after its answer). */
  target: Target;
  instance: number;
  version: string;
  /** Resolves with the long-poll's final answer (re-armed timeouts are not final). */
  done?: Promise<void>;
  pending: boolean;
  answeredAt?: number;
  answer?: string;
  changeSent?: boolean;
  changeSentAt?: number;
  changeAnsweredAt?: number;
}

/**
 * Holds `wait=30&since=<version>` long-polls on `orders` (one each; instance i % k), then cancels
 * `changes` of those orders, evenly spread, through the next instance (POST /api/orders/:id/cancel,
 * `changeConcurrency` at a time) while the others stay held, and measures from each cancel's answer to
 * its long-poll's answer. A long-poll that times out unchanged is sent again, as the widget does.
 */
export async function longPolls(
  cell: Cell,
  orders: BenchOrder[],
  options: { changes: number; changeConcurrency: number; openConcurrency: number },
): Promise<PollResult> {
  const failures = new Failures();
  const k = cell.targets.length;
  // One connection per long-poll, closed after its answer.
  const agents = new Map(
    cell.targets.map((t) => [t, new http.Agent({ keepAlive: false, maxSockets: Infinity })]),
  );
  // The version each long-poll waits from: a first wait=0 answer, as the widget does.
  const polls: Poll[] = [];
  const versionsUntil = deadline(CAPS.versionsMs);
  await pool(
    orders,
    64,
    async (order, i) => {
      const target = pick(cell, i);
      try {
        const reply = await target.request('/api/checkout/status?wait=0', {
          headers: widget(order.clientToken),
        });
        if (reply.status !== 200) return failures.add(`first status: HTTP ${reply.status}`);
        const version = parse<{ version: string }>(reply).version;
        polls.push({
          order,
          target: new Target(target.url, agents.get(target) as http.Agent),
          instance: i % k,
          version,
          pending: true,
        });
      } catch (error) {
        failures.addError(error, 'first status');
      }
    },
    versionsUntil,
  );

  const abort = new AbortController();
  // Every long-poll listens to this one signal.
  setMaxListeners(polls.length + 16, abort.signal);
  let rearmed = 0;
  let early = 0;
  /** Sends the long-poll; resolves once it is on the wire (or failed), and sets `poll.done`. */
  const arm = (poll: Poll): Promise<void> =>
    new Promise<void>((sent) => {
      const path = `/api/checkout/status?wait=30&since=${poll.version}`;
      const request = poll.target.request(path, {
        headers: widget(poll.order.clientToken),
        signal: abort.signal,
        onSent: () => sent(),
      });
      poll.done = request.then(
        (reply) => {
          const status =
            reply.status === 200 ? parse<{ status: string }>(reply).status : `HTTP ${reply.status}`;
          if (!poll.changeSent && status === 'created' && !abort.signal.aborted) {
            rearmed++; // the wait=30 timeout: the widget asks again
            return arm(poll).then(() => poll.done);
          }
          if (!poll.changeSent) early++;
          poll.pending = false;
          poll.answeredAt = reply.answeredAt;
          poll.answer = status;
        },
        (error: unknown) => {
          poll.pending = false;
          if (!abort.signal.aborted) failures.addError(error, 'long-poll');
          sent();
        },
      );
    });

  const openStart = performance.now();
  await pool(polls, options.openConcurrency, arm);
  const openMs = performance.now() - openStart;
  // Let the servers take in the last requests before counting what is held.
  await sleep(1_000);
  const memory = cell.instances.map((i) => i.memory());
  const held = polls.filter((p) => p.pending);

  renewConnections(cell, options.changeConcurrency);
  const changeStart = performance.now();
  const cpu = sampleCpu(cell);
  let changed = 0;
  // Change an evenly spread subset while all the others stay held.
  const count = Math.min(options.changes, held.length);
  const toChange = Array.from(
    { length: count },
    (_, j) => held[Math.floor((j * held.length) / count)] as Poll,
  );
  const changesUntil = deadline(CAPS.changesMs);
  await pool(
    toChange,
    options.changeConcurrency,
    async (poll) => {
      if (!poll.pending) return;
      const other = cell.targets[(poll.instance + 1) % k] as Target;
      poll.changeSent = true;
      try {
        const reply = await other.request(`/api/orders/${poll.order.orderId}/cancel`, {
          method: 'POST',
          headers: merchant(cell),
        });
        if (reply.status !== 200) return failures.add(`cancel: HTTP ${reply.status}`);
        poll.changeSentAt = reply.sentAt;
        poll.changeAnsweredAt = reply.answeredAt;
        changed++;
      } catch (error) {
        failures.addError(error, 'cancel');
      }
    },
    changesUntil,
  );
  const changeMs = performance.now() - changeStart;
  const changeCpu = cpu.stop();
  // Give the last wake-ups a moment (cross-instance ones travel through the database).
  await Promise.race([Promise.all(toChange.map((p) => p.done)), sleep(3_000)]);
  const stillHeld = held.filter((p) => !p.changeSent && p.pending).length;
  abort.abort();
  await Promise.all(polls.map((p) => p.done));
  for (const agent of agents.values()) agent.destroy();

  const wakes: number[] = [];
  const fromSend: number[] = [];
  let woken = 0;
  for (const poll of toChange) {
    if (poll.changeAnsweredAt === undefined) continue;
    if (poll.answeredAt === undefined) {
      failures.add('long-poll not woken within 3 s of its change');
    } else if (poll.answer !== 'cancelled') {
      failures.add(`long-poll answered ${poll.answer ?? '?'} after the cancel`);
    } else {
      woken++;
      wakes.push(poll.answeredAt - poll.changeAnsweredAt);
      fromSend.push(poll.answeredAt - (poll.changeSentAt ?? poll.changeAnsweredAt));
    }
  }
  return {
    wanted: orders.length,
    held: held.length,
    stillHeld,
    rearmed,
    openMs,
    early,
    changed,
    woken,
    untouched: held.filter((p) => !p.changeSent).map((p) => p.order),
    changeRate: (changed * 1000) / changeMs,
    cpu: changeCpu,
    wakeP50: percentile(wakes, 50),
    wakeP99: percentile(wakes, 99),
    wakeMax: wakes.length > 0 ? Math.max(...wakes) : Number.NaN,
    fromSendP50: percentile(fromSend, 50),
    fromSendP99: percentile(fromSend, 99),
    memory,
    failures,
  };
}

// ---------------------------------------------------------------------------------------------------
// 3. Nuvei DMN ingest

export interface DmnResult {
  prepared: number;
  prepareSeconds: number;
  sent: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  cpu: CpuShare;
  /** Orders sampled afterwards and how many of them the DMN had settled (succeeded). */
  sampled: number;
  settled: number;
  failures: Failures;
}

interface Attempt {
  order: BenchOrder;
  transactionId: string;
  providerTransactionId: string;
}

/**
 * One real pending OKTO Cash attempt per order, made the way the widget makes it: `start` (the
 * Nuvei session), the sandbox Web SDK's createPayment (the shopper's click), `complete` (the server
 * confirms with getPaymentStatus); then its Nuvei transaction id from the status answer.
 */
async function prepareAttempt(target: Target, order: BenchOrder): Promise<Attempt | string> {
  const headers = { ...widget(order.clientToken), ...json };
  const start = await target.request('/api/checkout/start', {
    method: 'POST',
    headers,
    body: JSON.stringify({ method: 'okto-cash' }),
  });
  if (start.status !== 200) return `start: HTTP ${start.status}`;
  const sdk = parse<{ type: string; transactionId: string; sessionToken: string; paymentMethod: string }>(
    start,
  );
  if (sdk.type !== 'sdk') return `start: ${sdk.type} action`;
  const person = { firstName: 'John', lastName: 'Smith', country: 'GR', email: 'john.smith@email.com' };
  const payment = await target.request('/sandbox/nuvei/websdk/createPayment', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      sessionToken: sdk.sessionToken,
      params: {
        sessionToken: sdk.sessionToken,
        paymentOption: { alternativePaymentMethod: { paymentMethod: sdk.paymentMethod } },
        deviceDetails: { ipAddress: '127.0.0.1' },
        billingAddress: person,
        userDetails: person,
      },
    }),
  });
  if (payment.status !== 200) return `createPayment: HTTP ${payment.status}`;
  const complete = await target.request('/api/checkout/complete', {
    method: 'POST',
    headers,
    body: JSON.stringify({ transactionId: sdk.transactionId, result: JSON.parse(payment.body) }),
  });
  if (complete.status !== 200) return `complete: HTTP ${complete.status}`;
  const status = await target.request('/api/checkout/status?wait=0', { headers: widget(order.clientToken) });
  const now = parse<{ status: string; providerReference?: string }>(status);
  if (now.status !== 'pending' || !now.providerReference) return `attempt is ${now.status}, not pending`;
  return { order, transactionId: sdk.transactionId, providerTransactionId: now.providerReference };
}

/** The DMN the Nuvei emulator would send for the attempt's approval (dmn-build.ts), form-encoded. */
function approvalDmn(attempt: Attempt, index: number): string {
  return buildPaymentDmn(
    {
      id: attempt.providerTransactionId,
      pppId: String(800_000_000 + index),
      status: 'APPROVED',
      reason: null,
      clientUniqueId: attempt.transactionId,
      userTokenId: null,
      productId: null,
      firstName: 'John',
      lastName: 'Smith',
      email: 'john.smith@email.com',
      currency: 'EUR',
      amount: '10.00',
      paymentMethod: 'apmgw_OKTO_CASH',
      userPaymentOptionId: null,
    },
    { ...SANDBOX_NUVEI, checksum: 'sha256' },
    Date.now(),
  );
}

/**
 * Prepares one pending attempt per order, then POSTs each one's signed approval DMN to
 * /webhooks/nuvei, `concurrency` at a time, through the instance after the one that made the attempt.
 */
export async function dmnIngest(
  cell: Cell,
  orders: BenchOrder[],
  options: { concurrency: number; prepareConcurrency: number; sample: number },
): Promise<DmnResult> {
  const failures = new Failures();
  const attempts: Attempt[] = [];
  const prepareStart = performance.now();
  const prepareUntil = deadline(CAPS.prepareMs);
  await pool(
    orders,
    options.prepareConcurrency,
    async (order, i) => {
      try {
        const attempt = await prepareAttempt(pick(cell, i), order);
        if (typeof attempt === 'string') failures.add(`prepare: ${attempt}`);
        else attempts.push(attempt);
      } catch (error) {
        failures.addError(error, 'prepare');
      }
    },
    prepareUntil,
  );
  const prepareSeconds = (performance.now() - prepareStart) / 1000;
  const bodies = attempts.map(approvalDmn);

  const latencies: number[] = [];
  let ok = 0;
  const started = performance.now();
  const cpu = sampleCpu(cell);
  // Connections left idle while the slowest attempts finished could be reset on reuse.
  renewConnections(cell, options.concurrency);
  const dmnsUntil = deadline(CAPS.dmnsMs);
  const sent = await pool(
    bodies,
    options.concurrency,
    async (body, i) => {
      try {
        const reply = await pick(cell, i + 1).request('/webhooks/nuvei', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        latencies.push(reply.answeredAt - reply.sentAt);
        if (reply.status === 200) ok++;
        else failures.add(`DMN: HTTP ${reply.status}`);
      } catch (error) {
        failures.addError(error, 'DMN');
      }
    },
    dmnsUntil,
  );
  const seconds = (performance.now() - started) / 1000;
  const blastCpu = cpu.stop();

  // Did the DMNs do what they stand for? A sample of the orders must now be succeeded.
  const step = Math.max(1, Math.floor(attempts.length / options.sample));
  const sample = attempts.filter((_, i) => i % step === 0).slice(0, options.sample);
  let settled = 0;
  await pool(sample, 16, async (attempt, i) => {
    try {
      const reply = await pick(cell, i).request('/api/checkout/status?wait=0', {
        headers: widget(attempt.order.clientToken),
      });
      if (reply.status === 200 && parse<{ status: string }>(reply).status === 'succeeded') settled++;
    } catch (error) {
      failures.addError(error, 'sample');
    }
  });
  return {
    prepared: attempts.length,
    prepareSeconds,
    sent,
    ok,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpu: blastCpu,
    sampled: sample.length,
    settled,
    failures,
  };
}
