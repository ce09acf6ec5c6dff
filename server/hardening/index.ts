/**
 * Hardening of the companion server: body size limits on every route. app.ts registers the middleware.
 */
export { BODY_LIMITS, bodyLimitFor, bodyLimits, DEFAULT_BODY_LIMIT, payloadTooLarge } from './body-limit.ts';
