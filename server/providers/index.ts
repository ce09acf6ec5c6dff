/**
 * The providers this server knows, in picker order of their methods. Adding a provider is adding its
 * folder and one entry here (conventions "Providers as modules").
 */
import { nuvei } from './nuvei/index.ts';
import { oct } from './oct/index.ts';
import { odeon } from './odeon/index.ts';
import type { ServerProvider } from './registry.ts';

/** Every provider module. */
export const PROVIDERS = [nuvei, odeon, oct] as const;

type Registered = (typeof PROVIDERS)[number];
type ConfigOf<P> = P extends ServerProvider<infer _N, infer _E, infer C, infer _R> ? C : never;

/** Each provider's resolved configuration by name; undefined when it is not configured. */
export type ProviderConfigs = { [P in Registered as P['name']]: ConfigOf<P> | undefined };
