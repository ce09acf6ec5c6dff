/** What the OdeonPay emulator's routes share: the injected dependencies, its store and its notifier. */
import type { SandboxDeps } from '../../providers/registry.ts';
import type { OdeonStore } from './db.ts';
import type { Notifier } from './notify.ts';

/** The credentials the emulator accepts (the client's, so a test chooses its own). */
export interface OdeonSandboxCredentials {
  publicId: string;
  apiSecret: string;
  /** Set: every request must carry a valid `Content-HMAC`. */
  signatureKey: string | undefined;
}

/** Dependencies of `createOdeonSandbox`. */
export type OdeonSandboxDeps = SandboxDeps & { credentials: OdeonSandboxCredentials };

/** The emulator's shared context. */
export interface OdeonContext extends OdeonSandboxDeps {
  db: OdeonStore;
  notifier: Notifier;
  /** `<publicUrl>/sandbox/odeon`: absolute URLs of the emulator's pages. */
  base: string;
}
