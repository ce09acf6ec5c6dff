import { describe, expect, it } from 'vitest';
import { MethodIcon } from '../contract/checkout.ts';
import { METHOD_ICONS } from './logos.ts';

describe('method icons', () => {
  it('draws every kind of method, so each Odeon APM has the generic icon of its kind (design §2)', () => {
    expect(Object.keys(METHOD_ICONS).sort()).toEqual([...MethodIcon.options].sort());
    for (const path of Object.values(METHOD_ICONS)) expect(path).toMatch(/^M[\d.\s]/);
  });
});
