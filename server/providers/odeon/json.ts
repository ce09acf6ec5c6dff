/**
 * JSON serialisation for Odeon request bodies. `JSON.stringify` can only write a JS number, so an
 * amount would pass through a double; here an amount is a `JsonNumberText` whose digits are written
 * as they are (Node 20 has no `JSON.rawJSON`). The same text is signed and sent.
 */

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A JSON number given by its text (e.g. `10.50`), written verbatim by `stringifyJson`. */
export class JsonNumberText {
  readonly text: string;

  constructor(text: string) {
    if (!JSON_NUMBER.test(text)) throw new RangeError('not a JSON number');
    this.text = text;
  }

  /** Keeps `JSON.stringify` (e.g. of a logged body) from writing it as an object. */
  toJSON(): string {
    return this.text;
  }
}

/** What `stringifyJson` writes; `undefined` properties are left out, as `JSON.stringify` does. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonNumberText
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Compact JSON text of `value`, with `JsonNumberText` written digit for digit. */
export function stringifyJson(value: JsonValue): string {
  if (value instanceof JsonNumberText) return value.text;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => stringifyJson(item)).join(',')}]`;
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) members.push(`${JSON.stringify(key)}:${stringifyJson(item)}`);
  }
  return `{${members.join(',')}}`;
}
