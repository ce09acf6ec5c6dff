/**
 * The OCT provider module (seed oct-payout-authorize.txt; design §3 "OCT", §4 "OCT"): OCT_*
 * configuration, the OAuth2 client-credentials token and the authorize client, method `oct-card`
 * (card payouts with the number encrypted in the browser), the public key for the widget, and the
 * sandbox emulator. No webhook, no return routes, no reconciliation: the seed documents no
 * notification and no status query, so a pending payout is settled by the merchant.
 */
import { createOctSandbox } from '../../sandbox/oct/index.ts';
import { defineProvider, type ServerProvider } from '../registry.ts';
import { configureOct, type OctConfig, OctEnv } from './config.ts';
import { octCard } from './methods/card.ts';
import { createOctRuntime, type OctRuntime } from './runtime.ts';

/** The OCT module's type (annotated: the server's Config type is derived from the provider list). */
export type OctProvider = ServerProvider<'oct', (typeof OctEnv)['shape'], OctConfig, OctRuntime>;

/** OCT: payouts pushed to a card (Original Credit Transactions). */
export const oct: OctProvider = defineProvider({
  name: 'oct',
  label: 'OCT',
  env: OctEnv,
  configure: configureOct,
  createRuntime: createOctRuntime,
  prepare: (runtime, deps) => runtime.prepare(deps.store),
  publicSettings: (runtime) => ({ publicKey: runtime.publicKey() }),
  methods: [octCard],
  sandbox(config, deps) {
    const { clientId, clientSecret, terminalId, publicKey, sandboxPrivateKey } = config;
    return createOctSandbox({
      ...deps,
      credentials: { clientId, clientSecret, terminalId },
      privateKey: publicKey && sandboxPrivateKey ? sandboxPrivateKey : undefined,
    });
  },
});
