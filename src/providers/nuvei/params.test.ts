import { describe, expect, it } from 'vitest';
import type { NuveiSdkAction } from './params.ts';
import { buildCreatePaymentParams } from './params.ts';

const action: NuveiSdkAction = {
  type: 'sdk',
  provider: 'nuvei',
  transactionId: 'tx_1',
  sessionToken: 'session-1',
  paymentMethod: 'apmgw_OKTO_CASH',
  country: 'RO',
  ipAddress: '203.0.113.7',
};

describe('createPayment params (seed nuvei-okto-cash.txt, Web SDK example)', () => {
  it('has the seed’s shape: payment method, device, billing address and user details', () => {
    const params = buildCreatePaymentParams(action, {
      firstName: 'John',
      lastName: 'Smith',
      email: 'john.smith@email.com',
    });
    expect(params).toEqual({
      sessionToken: 'session-1',
      paymentOption: { alternativePaymentMethod: { paymentMethod: 'apmgw_OKTO_CASH' } },
      deviceDetails: { ipAddress: '203.0.113.7' },
      billingAddress: { firstName: 'John', lastName: 'Smith', country: 'RO', email: 'john.smith@email.com' },
      userDetails: { firstName: 'John', lastName: 'Smith', country: 'RO', email: 'john.smith@email.com' },
    });
  });

  it('adds phone, date of birth and identification to userDetails when present (Romania, Germany)', () => {
    const params = buildCreatePaymentParams(action, {
      firstName: 'John',
      lastName: 'Smith',
      email: 'john.smith@email.com',
      phone: '+40721000000',
      dateOfBirth: '1990-04-12',
      identification: '1900412123456',
    });
    expect(params.userDetails).toEqual({
      firstName: 'John',
      lastName: 'Smith',
      country: 'RO',
      email: 'john.smith@email.com',
      phone: '+40721000000',
      dateOfBirth: '1990-04-12',
      identification: '1900412123456',
    });
    expect(params.billingAddress).not.toHaveProperty('phone');
  });

  it('leaves deviceDetails out when the server did not send the shopper’s IP', () => {
    const { ipAddress: _ip, ...withoutIp } = action;
    expect(buildCreatePaymentParams(withoutIp, {})).not.toHaveProperty('deviceDetails');
  });
});
