/**
 * Import this module (for its side effect) before building any zod schema: zod 4 probes
 * `new Function("")` when an object schema is constructed unless `jitless` is set, and under a strict
 * CSP that probe raises a `securitypolicyviolation` report (platform-notes.md "Browser bundle arithmetic").
 * It re-exports nothing, so bundlers can still tree-shake `zod/mini` per named import.
 */
import { config } from 'zod/mini';

config({ jitless: true });
