import type { MethodDefinition, WidgetProvider } from '../define.ts';
import { OctCardForm } from './card-form.tsx';
import { encodeOctFields, validateOct } from './encode.ts';

/**
 * `oct-card` ("Card", payout orders; design §3 "OCT"): its form (card number and recipient details),
 * its checks, and its fields' encoding for `start` (the number RSA-encrypted in the browser).
 */
const card: MethodDefinition = {
  id: 'oct-card',
  label: 'Card',
  Form: OctCardForm,
  validate: validateOct,
  encodeFields: encodeOctFields,
};

/**
 * OCT's widget module (seed oct-payout-authorize.txt), a lazy chunk loaded when `oct-card` is selected
 * (the registry lists its form). A server-flow method: `start` with the encrypted card number and the
 * recipient, then `done` (paid, declined or pending).
 */
export const provider: WidgetProvider = {
  id: 'oct',
  methods: { 'oct-card': card },
};
