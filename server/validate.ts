/**
 * Parsing request bodies and queries with the contract schemas; bad input becomes a 400 naming fields.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError, issuesToFields, validationError } from './http-error.ts';

interface SafeParser<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

/** Parses a value with a schema or throws a 400 with the issues as fields. */
export function parseOrThrow<T>(schema: SafeParser<T>, input: unknown, prefix = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(issuesToFields(result.error.issues as Parameters<typeof issuesToFields>[0], prefix));
}

/** Reads a JSON body (an object) and parses it; a non-JSON body is a 400, not a 500. */
export async function parseJsonBody<T>(c: Context, schema: SafeParser<T>): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw validationError([{ path: '(body)', message: 'is not valid JSON' }], 'The body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError([{ path: '(body)', message: 'must be a JSON object' }]);
  }
  return parseOrThrow(schema, body);
}

/** Parses the query string (single values) with a schema. */
export function parseQuery<T>(c: Context, schema: SafeParser<T>): T {
  return parseOrThrow(schema, c.req.query());
}

const NoFields = z.strictObject({});

/** For routes that take no body or query: anything given is named in a 400 (design §3 "unknown keys → 400"). */
export async function expectNothing(c: Context): Promise<void> {
  parseOrThrow(NoFields, c.req.query());
  const raw = await c.req.text();
  if (raw.trim() === '') return;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw validationError([{ path: '(body)', message: 'is not valid JSON' }], 'The body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError([{ path: '(body)', message: 'must be empty or a JSON object' }]);
  }
  parseOrThrow(NoFields, body);
}
