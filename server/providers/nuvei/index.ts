/**
 * The Nuvei provider module: NUVEI_* configuration, the REST client behind the Web SDK flow, OKTO Cash
 * and paysafecard, the DMN webhook, the return pages and the sandbox emulator (design §3, §4).
 */
import { createNuveiSandbox } from '../../sandbox/nuvei/index.ts';
import { defineProvider, type ServerProvider } from '../registry.ts';
import { configureNuvei, type NuveiConfig, NuveiEnv } from './config.ts';
import { createNuveiGateway, type NuveiGateway } from './gateway.ts';
import { oktoCash } from './methods/okto-cash.ts';
import { paysafecard } from './methods/paysafecard.ts';
import { nuveiReconciler, nuveiReturnRoutes } from './returns.ts';
import { nuveiWebhookRoutes } from './webhook.ts';

/** The Nuvei module's type (annotated: the server's Config type is derived from the provider list). */
export type NuveiProvider = ServerProvider<'nuvei', (typeof NuveiEnv)['shape'], NuveiConfig, NuveiGateway>;

/** Nuvei: OKTO Cash and paysafecard through the Web SDK, paysafecard payouts through REST. */
export const nuvei: NuveiProvider = defineProvider({
  name: 'nuvei',
  label: 'Nuvei',
  env: NuveiEnv,
  configure: configureNuvei,
  createRuntime: createNuveiGateway,
  publicSettings: (gateway) => gateway.publicSettings,
  methods: [oktoCash, paysafecard],
  webhook: nuveiWebhookRoutes,
  returns: nuveiReturnRoutes,
  reconcile: nuveiReconciler,
  sandbox(config, deps) {
    const { merchantId, merchantSiteId, secretKey, checksum } = config;
    const sandbox = createNuveiSandbox({
      ...deps,
      credentials: { merchantId, merchantSiteId, secretKey, checksum },
    });
    return {
      app: sandbox.app,
      start: () => sandbox.start(),
      stop: () => sandbox.stop(),
      flush: () => sandbox.flushDmns(),
      shiftSchedule: (deltaMs) => sandbox.shiftSchedule(deltaMs),
    };
  },
});
