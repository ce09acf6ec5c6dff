/**
 * Hardening of the companion server: body size limits, security and caching headers, and the brake
 * on failed merchant-key attempts. app.ts registers the middleware; auth.ts uses the limiter.
 */
export { BODY_LIMITS, bodyLimitFor, bodyLimits, DEFAULT_BODY_LIMIT, payloadTooLarge } from './body-limit.ts';
export { FailureLimiter, type FailureLimiterOptions, RateLimitedError } from './failure-limiter.ts';
export { DEFAULT_CSP, isPrivateAnswer, securityHeaders } from './headers.ts';
