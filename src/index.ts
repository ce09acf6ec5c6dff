/**
 * Kassa's public API for bundlers (`import { mount } from 'kassa'`). Importing this module touches no
 * browser globals, so it is safe in Node (server-side rendering); the custom element is `kassa/element`.
 */
export type { KassaErrorCode } from './core/errors.ts';
export { KassaError } from './core/errors.ts';
export type {
  KassaErrorEvent,
  KassaEvent,
  KassaEventBase,
  KassaEventOf,
  KassaEventType,
  KassaListener,
  KassaStatusEvent,
} from './core/events.ts';
export type { KassaHandle } from './core/mount.tsx';
export { mount } from './core/mount.tsx';
export type { MountOptions } from './core/options.ts';
export type { KassaState } from './core/outcome.ts';
export type { Locale } from './i18n/index.ts';
export type { Theme, ThemeKey } from './ui/theme.ts';
export { VERSION as version } from './version.ts';
