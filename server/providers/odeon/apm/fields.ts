/**
 * The shopper's APM fields as Odeon's `data` takes them (design §3 "Odeon APMs"): the start route has
 * checked `required` and `pattern` already (`MethodField`); this checks again what the server relies on
 * (a value of spaces is no value) and answers 400s naming `fields.<name>` before anything is sent.
 */
import type { ShopperFields } from '../../../../src/contract/schemas.ts';
import { validationError } from '../../../http-error.ts';
import { type ApmType, apmFields } from './catalogue.ts';

/** The type's field values, trimmed, keyed by the seed's `data` names (they are the field names). */
export function apmFieldValues(
  type: ApmType,
  kind: 'payment' | 'payout',
  fields: ShopperFields | undefined,
): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: { path: string; message: string }[] = [];
  for (const field of apmFields(type, kind)) {
    const value = fields?.[field.name]?.trim() ?? '';
    if (!value) {
      if (field.required) problems.push({ path: `fields.${field.name}`, message: 'is required' });
      continue;
    }
    if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) {
      problems.push({ path: `fields.${field.name}`, message: 'does not have the form this method needs' });
      continue;
    }
    values[field.name] = value;
  }
  if (problems.length > 0) throw validationError(problems);
  return values;
}
