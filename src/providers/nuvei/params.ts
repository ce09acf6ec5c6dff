import type { NextAction } from '../../contract/actions.ts';
import type { ShopperFields } from '../../contract/fields.ts';

/** The `sdk` next action (server `openOrder` done, Nuvei session open). */
export type NuveiSdkAction = Extract<NextAction, { type: 'sdk' }>;

/**
 * Builds `createPayment` params for an APM (seed nuvei-okto-cash.txt, "Create an APM Payment"):
 * billingAddress and userDetails carry firstName, lastName, country, email; Romania (and Germany)
 * also need phone, dateOfBirth and identification in userDetails, so those go in whenever present.
 */
export function buildCreatePaymentParams(
  action: NuveiSdkAction,
  fields: ShopperFields,
): Record<string, unknown> {
  const person = {
    firstName: fields.firstName,
    lastName: fields.lastName,
    country: action.country,
    email: fields.email,
  };
  const userDetails: Record<string, string | undefined> = { ...person };
  if (fields.phone) userDetails.phone = fields.phone;
  if (fields.dateOfBirth) userDetails.dateOfBirth = fields.dateOfBirth;
  if (fields.identification) userDetails.identification = fields.identification;
  const params: Record<string, unknown> = {
    sessionToken: action.sessionToken,
    paymentOption: { alternativePaymentMethod: { paymentMethod: action.paymentMethod } },
    billingAddress: person,
    userDetails,
  };
  if (action.ipAddress) params.deviceDetails = { ipAddress: action.ipAddress };
  return params;
}
