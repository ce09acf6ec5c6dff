import { defineMethod } from '../define.ts';

/**
 * paysafecard (Nuvei `apmgw_PaySafeCard`). The picker and form come from the server's method data and
 * the deposit runs through the Nuvei Web SDK like every `sdk` method; its popup and payout views
 * arrive with issue 3.
 */
export const method = defineMethod({ id: 'paysafecard', label: 'paysafecard' });
