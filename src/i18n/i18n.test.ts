import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { el } from './el.ts';
import { en } from './en.ts';
import { enMore } from './en-more.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import {
  createTranslate,
  LOCALES,
  type Locale,
  loadMessages,
  type MessageKey,
  type Messages,
  resolveLocale,
} from './index.ts';
import { it as italian } from './it.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';

const english: Messages = { ...en, ...enMore };
const KEYS = Object.keys(english).sort() as MessageKey[];

type Translation = Exclude<Locale, 'en'>;

/** Every locale but English, with its dictionary. */
const TRANSLATIONS: Record<Translation, Messages> = { el, it: italian, ro, ru, de, fr, es, pt, pl };
const translations = Object.entries(TRANSLATIONS) as [Translation, Messages][];

/**
 * The only values a translation may share with English, each with its reason. Anything else identical to
 * English is an untranslated string (and the list must not outgrow what the dictionaries really share).
 */
const SAME_AS_ENGLISH: Record<Translation, Partial<Record<MessageKey, string>>> = {
  el: {
    field_email: 'Greek forms write "Email" in Latin letters',
    field_ifsc: 'IFSC is the Indian bank code’s own name in every language',
  },
  it: {
    field_email: '"Email" is the usual Italian word for e-mail',
    field_ifsc: 'IFSC is the Indian bank code’s own name in every language',
  },
  ro: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
  ru: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
  de: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
  fr: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
  es: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
  pt: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
  pl: { field_ifsc: 'IFSC is the Indian bank code’s own name in every language' },
};

/** The quotation marks each locale uses (opening, closing). */
const QUOTES: Record<Locale, string> = {
  en: '“”',
  el: '«»',
  it: '«»',
  ro: '„”',
  ru: '«»',
  de: '„“',
  fr: '«»',
  es: '«»',
  pt: '“”',
  pl: '„”',
};

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('i18n', () => {
  it.each(translations)(
    '%s translates every English key, with the same placeholders',
    (_locale, messages) => {
      expect(Object.keys(messages).sort()).toEqual(KEYS);
      for (const key of KEYS) {
        expect(messages[key].trim(), key).not.toBe('');
        expect(placeholders(messages[key]), key).toEqual(placeholders(english[key]));
      }
    },
  );

  it('lists the keys in one order in every translation', () => {
    for (const [locale, messages] of translations)
      expect(Object.keys(messages), locale).toEqual(Object.keys(TRANSLATIONS.el));
  });

  it.each(translations)('%s never falls back to English (except its allow-list)', (locale, messages) => {
    const same = KEYS.filter((key) => messages[key] === english[key]);
    expect(same).toEqual(Object.keys(SAME_AS_ENGLISH[locale]).sort());
  });

  it.each([['en', english] as const, ...translations])(
    '%s uses its own typography: the ellipsis character and its quotation marks',
    (locale, messages) => {
      const [open, close] = [...QUOTES[locale]];
      for (const key of KEYS) {
        const text = messages[key];
        expect(text, key).not.toContain('...');
        expect(text, key).not.toMatch(/"/);
        const quotes = text.match(/[«»„“”‘‚]/g) ?? [];
        // Balanced pairs of the locale's own marks only.
        expect(quotes.join(''), key).toBe(`${open}${close}`.repeat(quotes.length / 2));
      }
    },
  );

  it('keeps French non-breaking spaces before : ; ! ? and inside « »', () => {
    for (const key of KEYS) {
      const text = fr[key];
      expect(text, key).not.toMatch(/[^\u00a0\u202f][:;!?»]|«[^\u00a0\u202f]/);
    }
    expect(fr.reference).toBe('Référence\u00a0: {reference}');
  });

  it('keeps the voucher row of three buttons short in every locale', () => {
    for (const [locale, messages] of [['en', english] as const, ...translations])
      for (const key of ['copy_code', 'find_store', 'print'] as const)
        expect(messages[key].length, `${locale} ${key}`).toBeLessThanOrEqual(25);
  });

  it('keeps the English accessible names of the contract (design §2)', () => {
    const t = createTranslate(en, enMore);
    expect(t('payment_method')).toBe('Payment method');
    expect(t('payout_method')).toBe('Payout method');
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
    expect(t('choose_another')).toBe('Choose another method');
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
    expect(resolveLocale('de-DE')).toBe('de');
    expect(resolveLocale('fr-CA')).toBe('fr');
    expect(resolveLocale('es-MX')).toBe('es');
    expect(resolveLocale('pt-BR')).toBe('pt');
    expect(resolveLocale('pl-PL')).toBe('pl');
    expect(resolveLocale('nl-NL')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
    expect(LOCALES).toEqual(['en', 'el', 'it', 'ro', 'ru', 'de', 'fr', 'es', 'pt', 'pl']);
  });

  it.each(translations)('loads %s lazily, as its own chunk', async (locale, messages) => {
    expect(await loadMessages(locale)).toBe(messages);
    // Only English is imported statically; every other locale is an `import()` of its own file.
    const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(index).not.toMatch(new RegExp(`from '\\./${locale}\\.ts'`));
    expect(index).toContain(`import('./${locale}.ts')`);
  });

  it('starts English with the picker messages and falls back per key', async () => {
    expect(await loadMessages('en')).toBe(en);
    const t = createTranslate(await loadMessages('en'));
    expect(t('try_again')).toBe('Try again');
    // Before the flow chunk brings the rest, an unknown key shows as itself rather than crashing.
    expect(t('print')).toBe('print');
    expect(createTranslate(el)('try_again')).toBe('Δοκιμάστε ξανά');
    expect(createTranslate(de)('detail_successful', { method: 'OKTO Cash' })).toBe('Bezahlt mit OKTO Cash.');
  });
});
