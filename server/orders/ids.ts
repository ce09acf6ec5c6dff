/** Random identifiers with a readable prefix (`ord_…`, `tx_…`, `evt_…`). */
import { randomBytes } from 'node:crypto';

/** A new id: prefix + 20 lowercase hex characters (fits every provider's reference field). */
export function newId(prefix: 'ord' | 'tx' | 'evt' | 'whk' | 'card'): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}
