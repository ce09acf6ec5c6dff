import type * as z from 'zod/mini';
import { ACTION_SCHEMAS, type NextAction, StatusBase, type StatusResponse } from '../contract/actions.ts';
import type { CompleteBody, StartBody } from '../contract/schemas.ts';
import type { Api } from './api.ts';
import { KassaError } from './errors.ts';

/** Parses an answer with a contract schema; anything else is an `INTERNAL` error, never a crash. */
export function parseAnswer<T>(schema: z.ZodMiniType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new KassaError('INTERNAL', 'The payment server sent an unexpected answer.');
  return parsed.data;
}

/** Extra time beyond `wait` that a long-poll may take before it counts as a network failure. */
export const POLL_GRACE_MS = 10_000;

/** Validates a next action with its variant's contract schema (see contract/actions.ts on bundle size). */
export function parseAction(json: unknown): NextAction {
  const type = (json as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? ACTION_SCHEMAS[type as NextAction['type']] : undefined;
  if (!schema) throw new KassaError('INTERNAL', 'The payment server sent an unexpected answer.');
  return parseAnswer<NextAction>(schema, json);
}

function parseStatus(json: unknown): StatusResponse {
  const status: StatusResponse = parseAnswer(StatusBase, json);
  const action = (json as { action?: unknown }).action;
  if (action !== undefined) status.action = parseAction(action);
  return status;
}

/** `POST /api/checkout/start`: records an attempt and answers with the next action. */
export function startAttempt(api: Api, body: StartBody): Promise<NextAction> {
  return api.fetchJson('api/checkout/start', body).then(parseAction);
}

/** `POST /api/checkout/complete`: reports what the browser learned (the Web SDK callback object). */
export function completeAttempt(api: Api, body: CompleteBody): Promise<NextAction> {
  return api.fetchJson('api/checkout/complete', body).then(parseAction);
}

/**
 * `GET /api/checkout/status?wait=…&since=…`: long-polls for a change; `since` (the last answer's
 * `version`) makes the server answer at once when something changed between two polls.
 */
export function fetchStatus(api: Api, waitSeconds: number, since?: string): Promise<StatusResponse> {
  const query = `wait=${waitSeconds}${since ? `&since=${encodeURIComponent(since)}` : ''}`;
  return api
    .fetchJson(`api/checkout/status?${query}`, undefined, waitSeconds * 1000 + POLL_GRACE_MS)
    .then(parseStatus);
}

/** `POST /api/checkout/cancel`: ends the current attempt as cancelled. */
export function cancelAttempt(api: Api): Promise<StatusResponse> {
  return api.fetchJson('api/checkout/cancel', {}).then(parseStatus);
}

/** `POST /api/checkout/abandon`: "Choose another method" on a voucher ends its attempt (design §3). */
export function abandonVoucher(api: Api): Promise<StatusResponse> {
  return api.fetchJson('api/checkout/abandon', {}).then(parseStatus);
}
