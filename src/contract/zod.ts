/**
 * The one place that imports `zod/mini` for shared schemas, so `jitless` is set before any schema is built.
 * zod 4 probes `new Function("")` when an object schema is constructed; under a strict CSP that probe
 * raises a `securitypolicyviolation` report (platform-notes.md, "Browser bundle arithmetic").
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
