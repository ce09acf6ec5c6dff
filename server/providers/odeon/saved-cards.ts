/**
 * Odeon payment tokens kept per customer for card payouts (design §3 "Odeon cards"; seed "Payout via
 * token": the token comes with a payment made with `accountId`). Kept in the store's provider records
 * under the order's `customer.id`, once per customer and token (the record's unique `ref` is a digest of
 * both). The shopper and the merchant see an opaque Kassa id and "Card •••• 1234" only: the token is a
 * credential and never leaves the server.
 */
import { createHash } from 'node:crypto';
import { CARD_BRAND_LABEL, cardBrand } from '../../../src/contract/card-rules.ts';
import type { SavedCard } from '../../../src/contract/schemas.ts';
import { newId } from '../../orders/ids.ts';
import type { ProviderRecord, Store } from '../../store/store.ts';
import type { TransactionRecord } from '../../store/types.ts';
import type { Clock, Logger } from '../../types.ts';

const CARDS = 'odeon.card';
/** A customer sees at most this many saved cards (newest first). */
const MAX_LISTED = 10;

/** What is kept of a card: its token, and first six / last four and brand when Odeon said them. */
export interface SavedCardData {
  token: string;
  firstSix?: string;
  lastFour?: string;
  brand?: string;
}

/** The card details a payment's answer or notification gives (or the attempt's own `cardMask`). */
export interface CardDetails {
  firstSix?: string | undefined;
  lastFour?: string | undefined;
  brand?: string | undefined;
}

interface Deps {
  store: Store;
  clock: Clock;
  log: Logger;
}

const tokenRef = (customerId: string, token: string) =>
  createHash('sha256').update(`${customerId}\n${token}`).digest('hex');

/** First six and last four from the attempt's `cardMask` (`424242******4242`, Kassa's direct card form). */
function fromMask(tx: TransactionRecord): CardDetails {
  const mask = typeof tx.data.cardMask === 'string' ? tx.data.cardMask : '';
  const match = /^(\d{6})\*+(\d{4})$/.exec(mask);
  return match ? { firstSix: match[1], lastFour: match[2] } : {};
}

/** Only the details that are there and well-formed, with the brand read from the first six when unnamed. */
function cleanDetails(card: CardDetails): Omit<SavedCardData, 'token'> {
  const kept: Omit<SavedCardData, 'token'> = {};
  if (card.firstSix && /^\d{6}$/.test(card.firstSix)) kept.firstSix = card.firstSix;
  if (card.lastFour && /^\d{4}$/.test(card.lastFour)) kept.lastFour = card.lastFour;
  const brand = card.brand?.trim() || (kept.firstSix ? CARD_BRAND_LABEL[cardBrand(kept.firstSix)] : '');
  if (brand && brand !== CARD_BRAND_LABEL.unknown) kept.brand = brand.slice(0, 40);
  return kept;
}

/**
 * Keeps the token of a succeeded Odeon payment `tx` for its order's customer; a token already kept gains
 * the details it lacked. Never throws: a token not kept only means no saved card (logged).
 */
export async function rememberCard(
  deps: Deps,
  tx: TransactionRecord,
  token: string | null | undefined,
  given: CardDetails = {},
): Promise<void> {
  if (!token || tx.kind !== 'payment') return;
  try {
    const order = await deps.store.getOrder(tx.orderId);
    const customerId = order?.customer.id;
    if (!customerId) return;
    // Read again: the caller's copy may predate the card mask its flow saved.
    const fresh = (await deps.store.getTransaction(tx.id)) ?? tx;
    const details = cleanDetails({ ...fromMask(fresh), ...definedOnly(given) });
    const ref = tokenRef(customerId, token);
    const now = deps.clock.now();
    const record = { id: newId('card'), ref, grp: customerId, data: { token, ...details } };
    if (await deps.store.records.insert<SavedCardData>(CARDS, record, now)) return;
    const kept = await deps.store.records.byRef<SavedCardData>(CARDS, ref);
    const missing = Object.entries(details).filter(([key]) => !kept?.data[key as keyof SavedCardData]);
    if (kept && missing.length > 0)
      await deps.store.records.update<SavedCardData>(
        CARDS,
        kept.id,
        { data: Object.fromEntries(missing) },
        now,
      );
  } catch (error) {
    deps.log.error('odeon card token not kept', { transactionId: tx.id, error: (error as Error).message });
  }
}

function definedOnly(card: CardDetails): CardDetails {
  return Object.fromEntries(Object.entries(card).filter(([, value]) => value)) as CardDetails;
}

/**
 * The customer's cards a payout may go to, newest first: those whose last four are known (a shopper
 * tells cards apart by them), one per card (a card paid with twice may have two tokens).
 */
async function usableCards(store: Store, customerId: string): Promise<ProviderRecord<SavedCardData>[]> {
  const records = await store.records.list<SavedCardData>(CARDS, { grp: customerId }, { newestFirst: true });
  const seen = new Set<string>();
  const usable: ProviderRecord<SavedCardData>[] = [];
  for (const record of records) {
    const { firstSix = '', lastFour } = record.data;
    if (!lastFour || seen.has(`${firstSix}|${lastFour}`)) continue;
    seen.add(`${firstSix}|${lastFour}`);
    usable.push(record);
    if (usable.length === MAX_LISTED) break;
  }
  return usable;
}

/** The customer's saved cards as the widget sees them: an opaque id and "Card •••• 1234". */
export async function listSavedCards(store: Store, customerId: string): Promise<SavedCard[]> {
  return (await usableCards(store, customerId)).map((record) => ({
    id: record.id,
    label: `Card •••• ${record.data.lastFour}`,
  }));
}

/** A saved card of this customer by its Kassa id (undefined for anyone else's or an unknown id). */
export async function findSavedCard(
  store: Store,
  customerId: string,
  id: string,
): Promise<ProviderRecord<SavedCardData> | undefined> {
  return (await usableCards(store, customerId)).find((record) => record.id === id);
}
