/**
 * The providers of one app: each module with its configuration and, when configured, its runtime.
 * Routes and methods reach a provider through this lookup, never by name in the core.
 */
import type { CheckoutSummary } from '../../src/contract/checkout.ts';
import type { Config } from '../config.ts';
import { HttpError } from '../http-error.ts';
import type { MethodContext, ServerMethod } from '../methods/types.ts';
import type { Store } from '../store/store.ts';
import type { ProviderName } from '../types.ts';
import type { AnyProvider, ProviderSandbox, RuntimeDeps, SandboxDeps } from './registry.ts';

/** A provider module with its configuration and runtime (both undefined when not configured). */
export interface ActiveProvider {
  module: AnyProvider;
  config: unknown;
  runtime: unknown;
}

/** The configured providers and their methods. */
export class Providers {
  /** Every method of every provider, in picker order. */
  readonly methods: readonly ServerMethod[];

  constructor(readonly all: readonly ActiveProvider[]) {
    this.methods = all.flatMap((p) => p.module.methods);
  }

  /** Builds each configured provider's runtime. */
  static start(modules: readonly AnyProvider[], config: Config, deps: RuntimeDeps): Providers {
    return new Providers(
      modules.map((module) => {
        const own = configOf(config, module.name);
        return {
          module,
          config: own,
          runtime: own === undefined ? undefined : module.createRuntime(own, deps),
        };
      }),
    );
  }

  /** The provider of that name. */
  get(name: ProviderName): ActiveProvider | undefined {
    return this.all.find((p) => p.module.name === name);
  }

  /** Whether that provider is configured on this server. */
  configured(name: ProviderName): boolean {
    return this.get(name)?.runtime !== undefined;
  }

  /** The configured providers. */
  active(): ActiveProvider[] {
    return this.all.filter((p) => p.runtime !== undefined);
  }

  /** `providers` of `GET /api/checkout`: each configured provider's public settings. */
  publicSettings(): CheckoutSummary['providers'] {
    return Object.fromEntries(
      this.active().map((p) => [p.module.name, p.module.publicSettings(p.runtime)]),
    ) as CheckoutSummary['providers'];
  }

  /** Runs each configured provider's `prepare` (the store is open). */
  async prepare(store: Store): Promise<void> {
    for (const p of this.active()) await p.module.prepare?.(p.runtime, { store });
  }

  /** Creates the emulator of each configured provider that brings one (sandbox mode). */
  createSandboxes(deps: SandboxDeps): ProviderSandbox[] {
    return this.active().flatMap((p) => (p.module.sandbox ? [p.module.sandbox(p.config, deps)] : []));
  }

  /**
   * Defines `ctx.provider` for a method: its provider's runtime. Read while that provider is not
   * configured (an attempt from before a restart without it), it throws a 409 the widget can show.
   */
  bindRuntime<R>(ctx: Omit<MethodContext<R>, 'provider'>, method: ServerMethod<R>): MethodContext<R> {
    const active = this.get(method.provider);
    return Object.defineProperty(ctx, 'provider', {
      enumerable: true,
      get: () => {
        if (active?.runtime === undefined) {
          const label = active?.module.label ?? method.provider;
          throw new HttpError(409, 'METHOD_UNAVAILABLE', `${label} is not configured on this server.`);
        }
        return active.runtime as R;
      },
    }) as MethodContext<R>;
  }
}

/** A provider's own configuration out of the server's. */
export function configOf(config: Config, name: ProviderName): unknown {
  return (config.providers as Partial<Record<ProviderName, unknown>>)[name];
}
