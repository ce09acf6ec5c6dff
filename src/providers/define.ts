import type { ComponentType } from 'preact';
import type { NextAction } from '../contract/actions.ts';
import type { CheckoutMethod, MethodField } from '../contract/checkout.ts';
import type { ShopperFields } from '../contract/fields.ts';
import type { StartBody } from '../contract/schemas.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import type { FieldRule } from '../core/fields.ts';

/** A next action of one `type`. */
export type ActionOf<T extends NextAction['type']> = Extract<NextAction, { type: T }>;

/** The `voucher` next action a voucher view renders. */
export type VoucherAction = ActionOf<'voucher'>;

/**
 * What a provider does with one kind of next action (design §3 `start`). The dispatcher
 * (core/actions.ts) shows the action (state `action`, the `action` event), then calls `run`; the
 * action view (ui/action-view.tsx) renders `View`. Either may be left out: a `voucher` only needs a
 * view, a provider dialog may need both.
 */
export interface ActionHandler<A extends NextAction = NextAction> {
  /** Loads the view that renders the action (its own lazy chunk, e.g. the voucher with its libraries). */
  View?: () => Promise<ComponentType<{ action: A }>>;
  /** Behaviour once the action is shown, e.g. open the provider's dialog and report its answer. */
  run?(m: CheckoutMachine, action: A): void;
  /** Whether the dispatcher long-polls the order status while the action is shown (default true). */
  poll?: boolean;
  /**
   * The action belongs to its method's pay step (e.g. Odeon's `widget`, whose dialog opens inside the
   * Pay click): found any other way (a shopper back after a page reload, its dialog gone with the old
   * page), the widget returns to the form and the pay step prepares it again for another Pay click.
   */
  returnToForm?: boolean;
}

/** Action handlers by action type. */
export type ActionHandlers = { [T in NextAction['type']]?: ActionHandler<ActionOf<T>> };

/** What a method may add to its `start` body besides its fields (design §3 `start`). */
export type StartExtras = Partial<Pick<StartBody, 'browserData' | 'theme' | 'savedCardId'>>;

/**
 * The props of a method's own form (e.g. a card form): it renders the method's inputs inside the
 * widget's form, in place of the generic fields; the Pay button and the submit stay the widget's.
 */
export interface MethodFormProps {
  method: CheckoutMethod;
  /**
   * The widget's generic field (ui/field.tsx, passed by ui/method-form.tsx), for a form that shows
   * some of its method's fields as the generic form does (OCT's recipient details). Passed rather than
   * imported: a provider chunk importing it split the shared view modules out of the flow chunk.
   */
  Field?: ComponentType<GenericFieldProps>;
}

/** The props of the generic field (ui/field.tsx); `hint` describes the input under its label. */
export interface GenericFieldProps {
  field: MethodField;
  method: CheckoutMethod;
  readOnly: boolean;
  hint?: string | undefined;
}

/** A payment method's browser side: plain data plus what it contributes (conventions: objects). */
export interface MethodDefinition {
  /** The method id (design §2 Methods), e.g. `okto-cash`. */
  id: string;
  /** The label used when the server sends none. */
  label: string;
  /**
   * Its own form's inputs (e.g. a card form; list the method in the registry's `forms`); the generic
   * fields from the server's method data otherwise.
   */
  Form?: ComponentType<MethodFormProps>;
  /** Views and behaviour for actions this method's payments answer with (e.g. OKTO's voucher). */
  actions?: ActionHandlers;
  /**
   * Adds to the `start` of a server-flow payment on the Pay click (core/pay.ts), e.g. `browserData`
   * for 3-D Secure with a card form, or the widget's theme for a provider page painted from it.
   */
  startExtras?(m: CheckoutMachine, method: CheckoutMethod): StartExtras;
  /**
   * The fields that apply as the form stands, when its form can leave some out (a saved card chosen
   * instead of a new card's number): only these are checked and sent. The method's fields otherwise.
   */
  fields?(m: CheckoutMachine, method: CheckoutMethod): readonly MethodField[];
  /**
   * Its own checks of its fields beyond the contract's format rules (a card form's Luhn, expiry month
   * and code length: design §2 "Card forms"), kept in its chunk; see `FieldRule`.
   */
  validate?: FieldRule;
  /**
   * Turns the collected fields into what the `start` of a server-flow payment sends, on the Pay click
   * after validation (core/pay.ts; the button shows progress meanwhile), e.g. OCT's card number
   * encrypted in the browser in place of the number (`encryptedCardNumber`, `maskedCardNumber`). It
   * keeps no reference to what it replaces; a rejection is the attempt's error.
   */
  encodeFields?(m: CheckoutMachine, method: CheckoutMethod, fields: ShopperFields): Promise<ShopperFields>;
}

/**
 * The pay step of a provider's `sdk` methods (design §3 `start`): the server opens the provider's
 * session when the method is selected, and the Pay click must reach the provider's SDK synchronously
 * (only then may it open a window, platform notes "Popups").
 */
export interface PayStep<Session = unknown> {
  /** Turns the `start` answer (without fields) into a session ready for the click: loads the SDK, etc. */
  prepare(m: CheckoutMachine, action: NextAction): Promise<Session>;
  /**
   * Runs inside the Pay click: calls the SDK synchronously, then collects its answer (reports it to
   * `POST /api/checkout/complete`) and resolves with the server's next action. `popup` is true when
   * the widget opened an empty window for the provider's page in this click (`ProviderEntry.popups`).
   */
  pay(m: CheckoutMachine, session: Session, fields: ShopperFields, popup: boolean): Promise<NextAction>;
}

/** A provider's widget module (`src/providers/<provider>/index.ts`), loaded lazily by the registry. */
export interface WidgetProvider {
  /** The provider id, as in `CheckoutMethod.provider` and an action's `provider`. */
  id: string;
  /** Its methods' browser side, by method id. */
  methods: Record<string, MethodDefinition>;
  /** How its `sdk` methods pay; absent when all its methods are `server` methods. */
  pay?: PayStep;
  /** Views and behaviour for actions any of its methods may answer with (e.g. `widget`, `form-post`). */
  actions?: ActionHandlers;
}

/** Declares a method as a plain object (conventions: objects, not subclasses). */
export function defineMethod<T extends MethodDefinition>(definition: T): T {
  return definition;
}

/** Declares a provider's widget module; `Session` ties its pay step's two halves together. */
export function defineProvider<Session>(
  provider: Omit<WidgetProvider, 'pay'> & { pay?: PayStep<Session> },
): WidgetProvider {
  return provider as WidgetProvider;
}
