/**
 * Test harness for the checkout machine without a DOM: a fake server behind `fetch`, a fake
 * SafeCharge, recorded events and navigations. Used by tests only.
 */
import { vi } from 'vitest';
import { createPayment, type SdkPort } from '../providers/nuvei/sdk.ts';
import { fakeSafeCharge, fakeServer } from '../test-fixtures.ts';
import { createApi } from './api.ts';
import { createCheckoutMachine } from './checkout.machine.ts';
import type { MachineDeps } from './checkout.types.ts';
import type { KassaEvent } from './events.ts';

const SERVER = new URL('https://pay.example/');

export interface HarnessOptions {
  /** What the fake SafeCharge's createPayment answers, in order. */
  results?: Record<string, unknown>[];
  /** Called before each createPayment (to record call order). */
  onPay?: () => void;
  openWindow?: MachineDeps['openWindow'];
}

/** A machine wired to fakes; `routes` answer the API paths (`api/checkout`, …). */
export function machineHarness(routes: Parameters<typeof fakeServer>[0], options: HarnessOptions = {}) {
  const server = fakeServer(routes);
  vi.stubGlobal('fetch', server.fetch);
  const safeCharge = fakeSafeCharge(options.results ?? []);
  const sdk: SdkPort = {
    prepare: async (_settings, _url, token) => safeCharge.factory({ sessionToken: token }),
    pay: (instance, params, signal) => {
      options.onPay?.();
      return createPayment(instance, params, signal);
    },
  };
  const events: KassaEvent[] = [];
  const navigate = { assign: vi.fn(), postForm: vi.fn() };
  const destroy = new AbortController();
  const m = createCheckoutMachine({
    api: createApi(SERVER, 'tok', destroy.signal),
    emit: (event) => events.push(event),
    signal: destroy.signal,
    navigate,
    ports: { nuvei: sdk },
    server: SERVER,
    ...(options.openWindow ? { openWindow: options.openWindow } : {}),
  });
  return { m, server, safeCharge, events, navigate, destroy, types: () => events.map((event) => event.type) };
}
