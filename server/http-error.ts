/**
 * One error type for every HTTP failure and one handler that renders it (design §3 Rules):
 * `{ error: { code, message, fields?: [{ path, message }] } }`, never a stack trace.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from './types.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** An HTTP error with a stable machine code and, for bad input, the fields at fault. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }

  /** The JSON response for this error. */
  getResponse(): Response {
    const body = {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
}

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: unknown;
  input?: unknown;
}

/** Turns zod issues into field errors with dot-joined paths (`customer.email`). */
export function issuesToFields(issues: readonly ZodLikeIssue[], prefix = ''): FieldError[] {
  const fields: FieldError[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys)
        fields.push({ path: [...base, key].join('.'), message: 'is not a known field' });
      continue;
    }
    fields.push({ path: base.join('.') || '(body)', message: describeIssue(issue) });
  }
  return fields;
}

function describeIssue(issue: ZodLikeIssue): string {
  if (issue.code === 'invalid_type') {
    // zod does not report the input by default; its English message names what was received.
    const missing = issue.input === undefined && (!issue.message || /received undefined/.test(issue.message));
    return missing ? 'is required' : `must be ${String(issue.expected)}`;
  }
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  if (issue.code === 'invalid_value') return 'is not an allowed value';
  if (issue.code === 'too_small') return 'is too short or too small';
  if (issue.code === 'too_big') return 'is too long or too large';
  if (issue.code === 'invalid_format') return 'has the wrong format';
  return 'is invalid';
}

/** A 400 naming the given fields. */
export function validationError(
  fields: FieldError[],
  message = 'The request has invalid fields.',
): HttpError {
  return new HttpError(400, 'VALIDATION', message, fields);
}

/** The app's single error handler: HttpErrors as they are, anything else a logged 500 without details. */
export function createErrorHandler(log: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof HttpError) return error.getResponse();
    // Hono's own HTTPException (e.g. from middleware) carries its response.
    const maybe = error as { getResponse?: () => Response; status?: number };
    if (typeof maybe.getResponse === 'function' && typeof maybe.status === 'number' && maybe.status < 500) {
      return new HttpError(
        maybe.status as ContentfulStatusCode,
        'BAD_REQUEST',
        error.message || 'Bad request',
      ).getResponse();
    }
    log.error('unhandled error', { path: c.req.path, method: c.req.method, error: error.message });
    return new HttpError(500, 'INTERNAL', 'Something went wrong on our side.').getResponse();
  };
}
