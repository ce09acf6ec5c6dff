/**
 * The fault injection every emulated provider call goes through (design §4, `POST /sandbox/faults`):
 * `http500` and `malformed` answer at once without doing the work; `timeout` does the work and holds
 * the answer past the server's provider timeout.
 */
import type { Context } from 'hono';
import type { Faults, ProviderName } from '../types.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a provider's fault wrapper needs. */
export interface FaultDeps {
  faults: Faults;
  providerTimeoutMs: number;
}

/** Answers `answer()` unless a fault armed for `provider`/`endpoint` says otherwise. */
export async function answerWithFault(
  deps: FaultDeps,
  provider: ProviderName,
  c: Context,
  endpoint: string,
  /** A JSON answer cut short, as the provider's own would be. */
  malformedBody: string,
  answer: () => Response | Promise<Response>,
): Promise<Response> {
  const fault = await deps.faults.take(provider, endpoint);
  if (fault === 'http500') return c.text('Internal Server Error', 500);
  if (fault === 'malformed') return c.body(malformedBody, 200, { 'Content-Type': 'application/json' });
  const response = await answer();
  if (fault === 'timeout') await sleep(deps.providerTimeoutMs + 1000);
  return response;
}
