/**
 * The OdeonPay provider module (seed odeonpay-api.txt): ODEON_* configuration, the REST client, method
 * `odeon-card` in its four flows, the APM methods `odeon-apm-<typeId>` (./apm/), the notification route, the return routes (3-D Secure TermUrl
 * included), reconciliation and the sandbox emulator (design §3 "Odeon cards", §4 "OdeonPay").
 */
import { createOdeonSandbox } from '../../sandbox/odeon/index.ts';
import { defineProvider, type ServerProvider } from '../registry.ts';
import { odeonApmMethods } from './apm/methods.ts';
import { configureOdeon, type OdeonConfig, OdeonEnv } from './config.ts';
import { odeonCard } from './methods/card.ts';
import { odeonReports } from './reports.ts';
import { odeonReconciler, odeonReturnRoutes } from './returns.ts';
import { createOdeonRuntime, type OdeonRuntime } from './runtime.ts';
import { odeonWebhookRoutes } from './webhook.ts';

/** The Odeon module's type (annotated: the server's Config type is derived from the provider list). */
export type OdeonProvider = ServerProvider<'odeon', (typeof OdeonEnv)['shape'], OdeonConfig, OdeonRuntime>;

/**
 * OdeonPay: cards through its widget, hosted pages or Kassa's own card form with 3-D Secure; its
 * alternative payment methods through payment links, APM payouts and APM refunds.
 */
export const odeon: OdeonProvider = defineProvider({
  name: 'odeon',
  label: 'OdeonPay',
  env: OdeonEnv,
  configure: configureOdeon,
  createRuntime: createOdeonRuntime,
  publicSettings: (runtime) => ({ publicId: runtime.config.publicId }),
  methods: [odeonCard, ...odeonApmMethods],
  returns: odeonReturnRoutes,
  reconcile: odeonReconciler,
  reports: odeonReports,
  webhook: odeonWebhookRoutes,
  sandbox(config, deps) {
    const { publicId, apiSecret, signatureKey } = config;
    return createOdeonSandbox({ ...deps, credentials: { publicId, apiSecret, signatureKey } });
  },
});
