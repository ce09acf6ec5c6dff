import { describe, expect, it } from 'vitest';
import { outcomeKey, outcomeOf } from './outcome.ts';

describe('outcome mapping (notes/api-for-helpers.md)', () => {
  it('maps order statuses and attempt reasons to states and words', () => {
    expect(outcomeOf('succeeded')).toEqual({ state: 'succeeded', word: 'successful' });
    expect(outcomeOf('pending')).toEqual({ state: 'pending', word: 'pending' });
    expect(outcomeOf('failed', 'declined')).toEqual({
      state: 'failed',
      word: 'failed',
      reasonCode: 'declined',
    });
    expect(outcomeOf('failed', 'cancelled')).toMatchObject({ state: 'failed', word: 'cancelled' });
    expect(outcomeOf('failed', 'expired')).toMatchObject({ state: 'failed', word: 'expired' });
    expect(outcomeOf('cancelled')).toEqual({ state: 'cancelled', word: 'cancelled' });
    expect(outcomeOf('expired')).toEqual({ state: 'expired', word: 'expired' });
    expect(outcomeOf('created')).toBeNull();
  });

  it('words payouts as payouts', () => {
    expect(outcomeKey('payment', 'successful')).toBe('payment_successful');
    expect(outcomeKey('payout', 'failed')).toBe('payout_failed');
  });
});
