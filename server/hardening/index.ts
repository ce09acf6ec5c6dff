/**
 * Hardening of the companion server: body size limits on every route, and security and caching
 * headers on every answer. app.ts registers the middleware.
 */
export { BODY_LIMITS, bodyLimitFor, bodyLimits, DEFAULT_BODY_LIMIT, payloadTooLarge } from './body-limit.ts';
export { DEFAULT_CSP, isPrivateAnswer, securityHeaders } from './headers.ts';
