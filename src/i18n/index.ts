import { type CoreKey, en } from './en.ts';
import type { MoreKey } from './en-more.ts';

/** A message key. */
export type MessageKey = CoreKey | MoreKey;

/** A complete dictionary: every locale must translate every key. */
export type Messages = Record<MessageKey, string>;

/** Locales the widget ships; `en` is the default and the fallback. */
export const LOCALES = ['en', 'el', 'it', 'ro', 'ru', 'de', 'fr', 'es', 'pt', 'pl'] as const;

/** A supported locale. */
export type Locale = (typeof LOCALES)[number];

/** Translates a key, filling `{name}` placeholders from `params`. */
export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

/** Picks the supported locale for a tag (`el-GR` → `el`); anything unknown becomes `en`. */
export function resolveLocale(tag: string | undefined): Locale {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === language) ?? 'en';
}

/**
 * Loads a locale's dictionary. Other locales are complete lazy chunks; English starts with the
 * picker's messages only (en.ts) and gets the rest (en-more.ts) with the flow chunk.
 */
export function loadMessages(locale: Locale): Promise<Partial<Messages>> {
  switch (locale) {
    case 'el':
      return import('./el.ts').then((module) => module.el);
    case 'it':
      return import('./it.ts').then((module) => module.it);
    case 'ro':
      return import('./ro.ts').then((module) => module.ro);
    case 'ru':
      return import('./ru.ts').then((module) => module.ru);
    case 'de':
      return import('./de.ts').then((module) => module.de);
    case 'fr':
      return import('./fr.ts').then((module) => module.fr);
    case 'es':
      return import('./es.ts').then((module) => module.es);
    case 'pt':
      return import('./pt.ts').then((module) => module.pt);
    case 'pl':
      return import('./pl.ts').then((module) => module.pl);
    default:
      return Promise.resolve(en);
  }
}

/** Builds `t` over a dictionary, then `more` (English flow messages), then English, never the raw key. */
export function createTranslate(messages: Partial<Messages>, more?: Partial<Messages>): Translate {
  const all: Partial<Messages> = { ...en, ...more, ...messages };
  return (key, params) => {
    const template = all[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match) : template;
  };
}

export { en };
