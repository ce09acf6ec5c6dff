/** An in-process stand-in for Odeon: records each request and answers from a queue. */
import type { FetchFn, Logger } from '../../types.ts';
import { createOdeonClient, type OdeonClientOptions } from './client.ts';

/** One request as the client sent it. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** An answer: a Response, JSON text to answer 200 with, or a function of the request. */
export type FakeAnswer =
  | Response
  | string
  | ((request: SentRequest, signal?: AbortSignal) => Promise<Response>);

export const BASE_URL = 'https://api.odeonpay.test';
export const PUBLIC_ID = 'pbid_2kajhh9oqhmpwjqgd529rg';
export const API_SECRET = 'odeon-api-secret-XYZ';
export const SIGNATURE_KEY = 'odeon-signature-key-QRS';

/** A fetch answering from `answers` in order (the last one repeats) and recording what it was sent. */
export function fakeFetch(...answers: FakeAnswer[]) {
  const sent: SentRequest[] = [];
  const fetch: FetchFn = async (input, init) => {
    const request: SentRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : '',
    };
    sent.push(request);
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    if (answer === undefined) throw new Error('no answer queued');
    if (typeof answer === 'string') {
      return new Response(answer, { headers: { 'Content-Type': 'application/json' } });
    }
    if (answer instanceof Response) return answer.clone();
    return answer(request, init?.signal ?? undefined);
  };
  return { fetch, sent };
}

/** A logger keeping every line. */
export function memoryLog() {
  const lines: { level: string; message: string; data?: Record<string, unknown> | undefined }[] = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push({ level, message, data });
  };
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

/** A client over a fake fetch; `signatureKey` only when given. */
export function fakeClient(answers: FakeAnswer[], overrides: Partial<OdeonClientOptions> = {}) {
  const { fetch, sent } = fakeFetch(...answers);
  const { log, lines } = memoryLog();
  const client = createOdeonClient({
    baseUrl: BASE_URL,
    publicId: PUBLIC_ID,
    apiSecret: API_SECRET,
    fetch,
    timeoutMs: 2000,
    log,
    ...overrides,
  });
  return { client, sent, lines };
}
