import { defineMethod, defineProvider } from '../define.ts';
import { type NuveiSession, nuveiPay } from './pay.ts';

/**
 * Nuvei's widget module (seeds nuvei-okto-cash.txt, nuvei-paysafecard.txt), a lazy chunk loaded when
 * one of its methods is selected or one of its actions is shown. Forms come from the server's method
 * data; deposits pay through the Web SDK (pay.ts); OKTO's voucher, with qrcode and jsbarcode, is a
 * further chunk of its own, loaded only to show a voucher.
 */
export const provider = defineProvider<NuveiSession>({
  id: 'nuvei',
  pay: nuveiPay,
  methods: {
    // OKTO Cash (`apmgw_OKTO_CASH`): answered with a cash e-voucher (pay code shown as QR or GS1-128).
    'okto-cash': defineMethod({
      id: 'okto-cash',
      label: 'OKTO Cash',
      actions: {
        voucher: { View: () => import('./okto-cash/okto-voucher.tsx').then((module) => module.OktoVoucher) },
      },
    }),
    // paysafecard (`apmgw_PaySafeCard`): deposits open the paysafecard page in a popup the widget
    // manages (core/popup.ts; listed in the registry's `popups`), payouts are a server-flow form.
    paysafecard: defineMethod({ id: 'paysafecard', label: 'paysafecard' }),
  },
});
