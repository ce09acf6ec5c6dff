import type { ComponentType } from 'preact';
import type { NextAction } from '../contract/actions.ts';

/** The `voucher` next action a voucher view renders. */
export type VoucherAction = Extract<NextAction, { type: 'voucher' }>;

/** A payment method's browser side: plain data plus the views it contributes. */
export interface MethodDefinition {
  /** The method id (design §2 Methods), e.g. `okto-cash`. */
  id: string;
  /** The label used when the server sends none. */
  label: string;
  /** Renders a `voucher` action (pay code) for this method. */
  Voucher?: ComponentType<{ action: VoucherAction }>;
}

/** Declares a method as a plain object (conventions: objects, not subclasses). */
export function defineMethod<T extends MethodDefinition>(definition: T): T {
  return definition;
}
