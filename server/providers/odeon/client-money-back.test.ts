/**
 * The Odeon client's refund, payout, list and balance calls (seed "Refund", "Payout via token", "Payout
 * to card", "List", "Balance"), with the seed's own request and answer examples.
 */
import { describe, expect, it } from 'vitest';
import { fakeClient, SIGNATURE_KEY } from './fake-fetch.fixture.ts';

const REFUND_ANSWER = '{ "model": { "transactionId": 1039 }, "success": true, "message": null }';
const PAYOUT_ANSWER = `{
    "success": true,
    "message": null,
    "model": {
        "transactionId": 2533, "amount": 12.30, "currency": "EUR", "invoiceId": null,
        "accountId": "john@doe.com", "name": "John Doe", "statusCode": 7, "status": "PayoutCompleted",
        "reasonCode": 0, "reason": "Approved"
    }
}`;
const LIST_ANSWER = `{
    "success": true, "message": null,
    "transactions": [ {
            "id": 16213, "statusId": 4, "status": "Completed", "currency": "USD", "amount": 65.77,
            "description": "Products Payment", "invoiceId": "132-33541-34", "accountId": "test@account.com",
            "created": 1606726879000, "operationTypeId": 1, "operationType": "Payment", "reasonId": 0,
            "reason": "Approved", "cardType": "Visa", "cardFirstSix": "411111", "cardLastFour": "1111",
            "completed": 1606726905000, "paymentTransactionId": null } ]
}`;
const BALANCE_ANSWER = `{
    "success": true, "message": null,
    "balances": [ { "name": "The balance", "currencies": [
        { "currency": "EUR", "total": 14633.00, "pending": 0.00, "hold": 481.70, "fee": 529.98, "pendingFee": 0.00, "available": 13621.32 },
        { "currency": "USD", "total": 59483.00, "pending": 503.00, "hold": 3220.70, "fee": 1003.98, "pendingFee": 45.10, "available": 54710.22 }
    ] } ]
}`;

describe('Odeon client: refunds, payouts and reports', () => {
  it('refunds part of a payment as the seed example writes it, and all of it without an amount', async () => {
    const { client, sent } = fakeClient([REFUND_ANSWER]);
    const answer = await client.refund({ transactionId: 524, amountMinor: 1334, currency: 'EUR' });
    expect(answer.model.transactionId).toBe(1039);
    expect(sent[0]?.body).toBe('{"transactionId":524,"amount":13.34}');
    await client.refund({ transactionId: '524', currency: 'KWD' });
    expect(sent[1]?.body).toBe('{"transactionId":524}');
    await client.refund({ transactionId: 524, amountMinor: 1234, currency: 'KWD' });
    expect(sent[2]?.body).toBe('{"transactionId":524,"amount":1.234}');
  });

  it('pays out by token with the seed example body and reads PayoutCompleted', async () => {
    const { client, sent } = fakeClient([PAYOUT_ANSWER]);
    const answer = await client.payout({
      token: '8163-KS17-JV29-KF28',
      amountMinor: 1230,
      accountId: 'john@doe.com',
      currency: 'EUR',
    });
    expect(sent[0]?.body).toBe(
      '{"token":"8163-KS17-JV29-KF28","amount":12.30,"accountId":"john@doe.com","currency":"EUR"}',
    );
    expect(answer.model).toMatchObject({ statusCode: 7, amountMinor: 1230 });
  });

  it('pays out to a card number sent once, never in a log line, even on a refusal', async () => {
    const pan = '4242424242424242';
    const { client, sent, lines } = fakeClient([
      PAYOUT_ANSWER,
      `{"success": false, "message": "Card ${pan} is not allowed"}`,
    ]);
    await client.payoutCard({
      pan,
      name: 'John Doe',
      amountMinor: 1230,
      currency: 'EUR',
      invoiceId: '11928485',
    });
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchObject({ pan, name: 'John Doe', invoiceId: '11928485' });
    const refused = await client
      .payoutCard({ pan, name: 'John Doe', amountMinor: 1230, currency: 'EUR' })
      .catch((error: unknown) => error as { kind: string; providerMessage?: string });
    expect(refused.kind).toBe('rejected');
    expect(refused.providerMessage).not.toContain(pan);
    expect(JSON.stringify(lines)).not.toContain(pan);
    expect(JSON.stringify(lines)).toContain('424242…4242');
  });

  it('lists a day in a timezone of the seed dictionary, amounts read exactly', async () => {
    const { client, sent } = fakeClient([LIST_ANSWER]);
    const answer = await client.list('2020-10-25', 'Europe/Moscow');
    expect(sent[0]?.body).toBe('{"date":"2020-10-25","timezone":"Europe/Moscow"}');
    expect(answer.transactions[0]).toMatchObject({ id: 16213, amountMinor: 6577, cardLastFour: '1111' });
  });

  it('reads the balance with a signed GET', async () => {
    const { client, sent } = fakeClient([BALANCE_ANSWER], { signatureKey: SIGNATURE_KEY });
    const answer = await client.balance();
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.body).toBe('');
    expect(sent[0]?.headers['content-hmac']).toBeTruthy();
    expect(answer.balances[0]?.currencies.map((c) => [c.currency, c.available])).toEqual([
      ['EUR', 13621.32],
      ['USD', 54710.22],
    ]);
  });
});
