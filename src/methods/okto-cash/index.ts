import { defineMethod } from '../define.ts';
import { OktoVoucher } from './okto-voucher.tsx';

/**
 * OKTO Cash (Nuvei `apmgw_OKTO_CASH`): paid through the Nuvei Web SDK, answered with a cash
 * e-voucher. This module, with qrcode and jsbarcode, is a lazy chunk loaded only to show a voucher.
 */
export const method = defineMethod({ id: 'okto-cash', label: 'OKTO Cash', Voucher: OktoVoucher });
