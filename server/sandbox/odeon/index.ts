/**
 * The OdeonPay emulator (design §4 "OdeonPay"), mounted at `/sandbox/odeon/`. Built by the sandbox
 * helper; this placeholder only fixes the interface the Odeon module creates it through.
 */
import { Hono } from 'hono';
import type { SandboxDeps } from '../../providers/registry.ts';

/** The credentials the emulator accepts (the client's, so a test chooses its own). */
export interface OdeonSandboxCredentials {
  publicId: string;
  apiSecret: string;
  /** Set: every request must carry a valid `Content-HMAC`. */
  signatureKey: string | undefined;
}

export interface OdeonSandbox {
  app: Hono;
  start(): void;
  stop(): void;
  /** Applies what became due and sends due notifications now. */
  flush(): Promise<void>;
  shiftSchedule(deltaMs: number): Promise<void>;
}

/** Creates the emulator. */
export function createOdeonSandbox(
  _deps: SandboxDeps & { credentials: OdeonSandboxCredentials },
): OdeonSandbox {
  return {
    app: new Hono(),
    start() {},
    stop() {},
    flush: async () => {},
    shiftSchedule: async () => {},
  };
}
