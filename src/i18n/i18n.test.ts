import { describe, expect, it } from 'vitest';
import { el } from './el.ts';
import { en } from './en.ts';
import { enMore } from './en-more.ts';
import { createTranslate, LOCALES, loadMessages, type Messages, resolveLocale } from './index.ts';
import { it as italian } from './it.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';

const english: Messages = { ...en, ...enMore };
const KEYS = Object.keys(english).sort();

describe('i18n', () => {
  it.each([
    ['el', el],
    ['it', italian],
    ['ro', ro],
    ['ru', ru],
  ] as const)('%s translates every English key, with the same placeholders', (_locale, messages) => {
    expect(Object.keys(messages).sort()).toEqual(KEYS);
    for (const key of KEYS as (keyof Messages)[]) {
      expect(messages[key].trim(), key).not.toBe('');
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(messages[key]), key).toEqual(placeholders(english[key]));
    }
  });

  it('does not leave English behind in the translations (except names and codes)', () => {
    const same = (messages: Messages) =>
      (KEYS as (keyof Messages)[]).filter((key) => messages[key] === english[key] && english[key].length > 6);
    expect(same(el)).toEqual([]);
    expect(same(italian)).toEqual([]);
    expect(same(ro)).toEqual([]);
    expect(same(ru)).toEqual([]);
  });

  it('keeps the English accessible names of the contract (design §2)', () => {
    const t = createTranslate(en, enMore);
    expect(t('payment_method')).toBe('Payment method');
    expect(t('pay', { amount: '€10.00' })).toBe('Pay €10.00');
    expect(t('withdraw', { amount: '€10.00' })).toBe('Withdraw €10.00');
    expect(t('field_firstName')).toBe('First name');
    expect(t('field_lastName')).toBe('Last name');
    expect(t('field_email')).toBe('Email');
    expect(t('field_phone')).toBe('Phone');
    expect(t('field_dateOfBirth')).toBe('Date of birth');
    expect(t('field_identification')).toBe('ID number');
    expect(t('field_account', { method: 'paysafecard' })).toBe('paysafecard account');
    expect(t('qr_image')).toBe('Pay code QR code');
    expect(t('barcode_image')).toBe('Pay code barcode');
    expect(t('pay_code')).toBe('Pay code');
    expect(t('copy_code')).toBe('Copy code');
    expect(t('show_barcode')).toBe('Show barcode');
    expect(t('show_qr')).toBe('Show QR code');
    expect(t('find_store')).toBe('Find a store');
    expect(t('print')).toBe('Print');
    expect(t('try_again')).toBe('Try again');
    expect(t('popup_continue', { method: 'paysafecard' })).toBe('Continue in the paysafecard window');
    expect(t('popup_show', { method: 'paysafecard' })).toBe('Show paysafecard window');
    expect(t('cancel_payment')).toBe('Cancel payment');
    for (const [key, text] of [
      ['payment_successful', 'Payment successful'],
      ['payment_failed', 'Payment failed'],
      ['payment_pending', 'Payment pending'],
      ['payment_cancelled', 'Payment cancelled'],
      ['payment_expired', 'Payment expired'],
      ['payout_successful', 'Payout successful'],
      ['payout_failed', 'Payout failed'],
      ['payout_pending', 'Payout pending'],
    ] as const) {
      expect(t(key)).toBe(text);
    }
  });

  it('resolves region tags to their language and anything else to English', () => {
    expect(resolveLocale('el-GR')).toBe('el');
    expect(resolveLocale('RO')).toBe('ro');
    expect(resolveLocale('ru_RU')).toBe('ru');
    expect(resolveLocale('de')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
    expect(LOCALES).toEqual(['en', 'el', 'it', 'ro', 'ru']);
  });

  it('loads each locale lazily; English starts with the picker messages and falls back per key', async () => {
    expect(await loadMessages('el')).toBe(el);
    expect(await loadMessages('en')).toBe(en);
    const t = createTranslate(await loadMessages('en'));
    expect(t('try_again')).toBe('Try again');
    // Before the flow chunk brings the rest, an unknown key shows as itself rather than crashing.
    expect(t('print')).toBe('print');
    expect(createTranslate(el)('try_again')).toBe('Δοκιμάστε ξανά');
  });
});
