import { defineMethod } from '../define.ts';

/**
 * paysafecard (Nuvei `apmgw_PaySafeCard`). The picker and forms come from the server's method data:
 * deposits run through the Nuvei Web SDK with the paysafecard page in a popup the widget manages
 * (core/popup.ts, listed in registry.ts `opensPopup`), payouts are a server-flow form. No voucher view.
 */
export const method = defineMethod({ id: 'paysafecard', label: 'paysafecard' });
