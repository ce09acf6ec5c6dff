import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, contentHmac, signRequestBody, verifyNotificationSignature } from './signing.ts';

// Seed "Notification validation" and "Request Signature Validation": the same PHP example and output.
const SEED_BODY = '{"transactionId":512,"amount":30.45,"currency":"EUR"}';
const SEED_KEY = '1234ABCD';
const SEED_OUTPUT =
  'MzVkMzBlMTdmMmVkNGJkNjFhMzFmNTdhODU0ZGQwZTYwZGU5MDg5MDRiODYyMTAzZmI0ZDAzMjRiMWJmNmM3Mw==';

describe('Content-HMAC', () => {
  it("reproduces the seed's example output byte for byte", () => {
    expect(contentHmac(SEED_BODY, SEED_KEY)).toBe(SEED_OUTPUT);
    expect(signRequestBody(SEED_BODY, SEED_KEY)).toBe(SEED_OUTPUT);
    expect(contentHmac(Buffer.from(SEED_BODY, 'utf8'), SEED_KEY)).toBe(SEED_OUTPUT);
  });

  it('is base64 of the lowercase hex digest, not of the raw digest', () => {
    const raw = createHmac('sha256', SEED_KEY).update(SEED_BODY).digest();
    expect(contentHmac(SEED_BODY, SEED_KEY)).not.toBe(raw.toString('base64'));
    expect(Buffer.from(SEED_OUTPUT, 'base64').toString('ascii')).toBe(raw.toString('hex'));
  });

  it('signs the exact bytes: another spacing of the same JSON gives another value', () => {
    const spaced = '{"transactionId": 512, "amount": 30.45, "currency": "EUR"}';
    expect(contentHmac(spaced, SEED_KEY)).not.toBe(SEED_OUTPUT);
  });
});

describe('verifyNotificationSignature', () => {
  it("accepts the seed's example and surrounding whitespace in the header", () => {
    expect(verifyNotificationSignature(SEED_BODY, SEED_OUTPUT, SEED_KEY)).toBe(true);
    expect(verifyNotificationSignature(SEED_BODY, ` ${SEED_OUTPUT}\n`, SEED_KEY)).toBe(true);
  });

  it('refuses another key, a changed body, a missing or empty header and an empty secret', () => {
    expect(verifyNotificationSignature(SEED_BODY, SEED_OUTPUT, 'OTHER')).toBe(false);
    expect(verifyNotificationSignature(SEED_BODY.replace('30.45', '30.46'), SEED_OUTPUT, SEED_KEY)).toBe(
      false,
    );
    expect(verifyNotificationSignature(SEED_BODY, undefined, SEED_KEY)).toBe(false);
    expect(verifyNotificationSignature(SEED_BODY, null, SEED_KEY)).toBe(false);
    expect(verifyNotificationSignature(SEED_BODY, '', SEED_KEY)).toBe(false);
    expect(verifyNotificationSignature(SEED_BODY, SEED_OUTPUT, '')).toBe(false);
  });

  it('refuses the raw-digest base64 form, a truncated value and the hex digest itself', () => {
    const raw = createHmac('sha256', SEED_KEY).update(SEED_BODY).digest();
    expect(verifyNotificationSignature(SEED_BODY, raw.toString('base64'), SEED_KEY)).toBe(false);
    expect(verifyNotificationSignature(SEED_BODY, raw.toString('hex'), SEED_KEY)).toBe(false);
    expect(verifyNotificationSignature(SEED_BODY, SEED_OUTPUT.slice(0, -2), SEED_KEY)).toBe(false);
  });
});

describe('basicAuthorization', () => {
  it('is Basic base64(publicId:apiSecret)', () => {
    const header = basicAuthorization('pbid_2kajhh9oqhmpwjqgd529rg', 's3cr3t');
    expect(header).toBe(`Basic ${Buffer.from('pbid_2kajhh9oqhmpwjqgd529rg:s3cr3t').toString('base64')}`);
    expect(header).toBe('Basic cGJpZF8ya2FqaGg5b3FobXB3anFnZDUyOXJnOnMzY3IzdA==');
  });

  it('encodes non-ASCII secrets as UTF-8', () => {
    expect(basicAuthorization('id', 'pässword')).toBe(
      `Basic ${Buffer.from('id:pässword', 'utf8').toString('base64')}`,
    );
  });
});
