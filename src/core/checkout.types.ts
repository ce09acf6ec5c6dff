import type { Signal } from '@preact/signals-core';
import type { ComponentType } from 'preact';
import type { NextAction, StatusResponse } from '../contract/actions.ts';
import type { CheckoutMethod, CheckoutSummary, MethodField } from '../contract/checkout.ts';
import type { CompleteBody } from '../contract/schemas.ts';
import type { Messages } from '../i18n/index.ts';
import type { Theme } from '../ui/theme.ts';
import type { Api } from './api.ts';
import type { KassaError } from './errors.ts';
import type { KassaEvent, KassaEventBase } from './events.ts';
import type { LoadScriptOptions } from './load-script.ts';
import type { Navigator } from './navigate.ts';
import type { KassaState, Outcome } from './outcome.ts';

/** A shopper field name (`CheckoutMethod.fields[].name`). */
export type FieldName = MethodField['name'];
/** What the shopper typed, by field. */
export type FieldValues = Partial<Record<FieldName, string>>;
/** The i18n key of a field's error message. */
export type FieldErrorKey =
  | 'error_required'
  | 'error_email'
  | 'error_phone'
  | 'error_phone_e164'
  | 'error_date'
  | 'error_invalid'
  | 'error_card_number'
  | 'error_expiry'
  | 'error_cvc'
  | 'error_cvc_amex';
/** Field errors by field, in the order the form shows them. */
export type FieldErrors = Partial<Record<FieldName, FieldErrorKey>>;

/** Opens a window like `window.open`; injectable (`MachineDeps.openWindow`) for tests. */
export type OpenWindow = (url: string, name: string, features: string) => Window | null;

/**
 * The lazily loaded part of the checkout (core/flow.ts), spelled out here rather than as the type of
 * that module's namespace: that type pulled the views and the providers into every module that
 * names the machine, and held an import cycle core ↔ ui ↔ methods (issue 9). flow.ts is checked
 * against it where the machine loads it (checkout.machine.ts).
 */
export interface Flow {
  /** The English messages the flow's views add to the picker's (`en.ts`). */
  readonly enMore: Partial<Messages>;
  /** The current action's view (voucher, provider window, …). */
  readonly ActionView: ComponentType;
  /** The selected method's form and primary button. */
  readonly MethodForm: ComponentType<{ method: CheckoutMethod }>;
  /** The `role="status"` element's content once attempts and outcomes can be shown. */
  readonly StatusView: ComponentType;
  init(m: CheckoutMachine): void;
  methodSelected(m: CheckoutMachine, now: boolean): void;
  prepareNow(m: CheckoutMachine): void;
  payWithMethod(m: CheckoutMachine): boolean;
  newAttempt(m: CheckoutMachine): void;
  cancelAttempt(m: CheckoutMachine): void;
  abandonAttempt(m: CheckoutMachine): void;
  applyStatus(m: CheckoutMachine, status: StatusResponse): void;
  dispatchAction(m: CheckoutMachine, action: NextAction, resume?: boolean): void;
  dispatchUnchecked(m: CheckoutMachine, json: unknown): void;
  /** `POST /api/checkout/complete` (core/api-calls.ts), for providers' pay steps. */
  completeAttempt(api: Api, body: CompleteBody): Promise<NextAction>;
  /** The provider SDK script loader (core/load-script.ts), for providers' pay steps. */
  loadScript(url: string, options?: LoadScriptOptions): Promise<void>;
}

/**
 * Replaceable provider internals (e.g. Nuvei's Web SDK), by provider id. Empty here: each provider
 * adds its own entry by declaration merging (providers/nuvei/sdk.ts), so core names no provider.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each provider.
export interface ProviderPorts {}

/** What the machine needs from the outside world; every piece is replaceable in tests. */
export interface MachineDeps {
  api: Api;
  emit(event: KassaEvent): void;
  /** Aborted by `destroy()`: stops polling and pending work. */
  signal: AbortSignal;
  /** Page navigations; the browser's by default (loaded with the flow chunk). */
  navigate?: Navigator;
  /** Stand-ins for providers' SDKs (tests); each provider uses its real one by default. */
  ports?: Partial<ProviderPorts>;
  /** Opens the provider's popup window; `window.open` by default. */
  openWindow?: OpenWindow;
  /** The server URL, to resolve the provider SDK URL against. */
  server: URL;
  /** The widget's host element (its computed custom properties are the page's theme). */
  host?: HTMLElement;
  /** The `theme` mount option (design §2; ui/theme.ts). */
  theme?: Theme;
  /** Loads the flow chunk; injectable so tests can count or fail it. */
  loadFlow?: () => Promise<Flow>;
}

/** The checkout state machine: signals for the views, transitions for the shopper's actions. */
export interface CheckoutMachine {
  readonly deps: MachineDeps;
  readonly state: Signal<KassaState>;
  readonly checkout: Signal<CheckoutSummary | null>;
  readonly selected: Signal<string | null>;
  readonly values: Signal<FieldValues>;
  readonly fieldErrors: Signal<FieldErrors>;
  /** True while an `sdk` method's session is being opened (the Pay button waits). */
  readonly preparing: Signal<boolean>;
  /** The shown action (voucher, popup, redirect, form-post). */
  readonly action: Signal<NextAction | null>;
  readonly outcome: Signal<Outcome | null>;
  readonly error: Signal<KassaError | null>;
  /** True when the error screen's "Try again" has something to re-run. */
  readonly canRetry: Signal<boolean>;
  /** The flow chunk once loaded (it carries the form and action views). */
  readonly flow: Signal<Flow | null>;
  /** What "Try again" re-runs in the error state. */
  retryWith: (() => void) | undefined;
  /** True once the shopper has used the widget; only then may views move focus (never on page load). */
  touched: boolean;
  /** Bumped whenever a new attempt starts, so late answers of an older one are ignored. */
  epoch: number;
  /** Bumped when the shopper's action leads back to the picker: it then takes focus once (picker.tsx). */
  pickerFocus: number;
  method(): CheckoutMethod | undefined;
  base(): KassaEventBase;
  load(): Promise<void>;
  /** Runs `use` with the flow chunk, loading it first if needed; a failed load is a `NETWORK` error. */
  withFlow(use: (flow: Flow) => void): void;
  /**
   * Selects a method. `auto` (the only offered method, selected at load) neither counts as the
   * shopper's action nor waits for the selection to rest before the provider session opens.
   */
  select(id: string, auto?: boolean): void;
  /** The shopper interacts with the selected method's form: open its provider session now (no rest). */
  startNow(): void;
  /** "Choose another method" on a voucher (design §3 `abandon`): back to the picker. */
  abandon(): void;
  /** Runs inside the Pay click; returns false when the form is invalid (the view focuses the first error). */
  pay(): boolean;
  /** "Try again": re-runs what failed (error state) or returns to the picker (failed state). */
  retry(): void;
  /** "Cancel payment": ends the current attempt (its outcome arrives as a status). */
  cancel(): void;
  /** Enters the error state (ignored after destroy); `retry` is what "Try again" re-runs. */
  fail(error: unknown, retry?: () => void): void;
  /** Applies an order status (load, long-poll, cancel, `done`): outcome, state and event. */
  applyStatus(status: StatusResponse): void;
  dispatch(action: NextAction): void;
}
