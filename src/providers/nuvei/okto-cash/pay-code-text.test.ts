import { describe, expect, it } from 'vitest';
import { devicePixelsPerModule } from './pay-code-image.tsx';
import { groupPayCode } from './pay-code-text.ts';

describe('the pay code as the shopper reads it', () => {
  it('splits a GS1 element string into its elements, keeping every character', () => {
    const code = '(415)5412345678908(3902)001000(8020)1234567890';
    expect(groupPayCode(code)).toBe('(415)5412345678908 (3902)001000 (8020)1234567890');
    expect(groupPayCode(code).replace(/ /g, '')).toBe(code);
  });

  it('groups a long plain number in fours and leaves anything else as it is', () => {
    expect(groupPayCode('1234567890123')).toBe('1234 5678 9012 3');
    expect(groupPayCode('12345678')).toBe('12345678');
    expect(groupPayCode('AB-1234')).toBe('AB-1234');
  });
});

describe('whole device pixels per module', () => {
  it('fits the most whole pixels per module, never fewer than one', () => {
    // A 297-module GS1-128 code: a 344 px wide phone at ratio 1 gets 1 px per module, not 0.93.
    expect(devicePixelsPerModule(297, 344, 1)).toBe(1);
    expect(devicePixelsPerModule(297, 276, 1)).toBe(1);
    // 320 px at ratio 2: 640 device pixels, 2 per module.
    expect(devicePixelsPerModule(297, 320, 2)).toBe(2);
    expect(devicePixelsPerModule(297, 640, 1)).toBe(2);
    expect(devicePixelsPerModule(41, 232, 1)).toBe(5);
  });
});
