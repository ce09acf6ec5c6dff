/**
 * What Kassa remembers of the shopper's registrations at Nuvei for payouts (seed
 * nuvei-paysafecard.txt, "Payout (Withdrawal) Flow"): users created with /createUser and the APM
 * accounts stored as UPOs with /addUPOAPM. Nuvei-owned data in the store's provider records, so the
 * core store knows nothing of Nuvei. An account is kept as a hash, never as the account itself.
 */
import type { Store } from '../../store/store.ts';

const USERS = 'nuvei.user';
const UPOS = 'nuvei.upo';

const upoKey = (userTokenId: string, paymentMethod: string, accountHash: string) =>
  `${userTokenId} ${paymentMethod} ${accountHash}`;

/** Nuvei payout registrations over the store. */
export function nuveiAccounts(store: Store) {
  return {
    async isUser(userTokenId: string): Promise<boolean> {
      return (await store.records.get(USERS, userTokenId)) !== undefined;
    },
    async addUser(userTokenId: string, now: number): Promise<void> {
      await store.records.insert(USERS, { id: userTokenId, data: {} }, now);
    },
    async findUpo(
      userTokenId: string,
      paymentMethod: string,
      accountHash: string,
    ): Promise<string | undefined> {
      const record = await store.records.get<{ upoId: string }>(
        UPOS,
        upoKey(userTokenId, paymentMethod, accountHash),
      );
      return record?.data.upoId;
    },
    async addUpo(
      userTokenId: string,
      paymentMethod: string,
      accountHash: string,
      upoId: string,
      now: number,
    ): Promise<void> {
      await store.records.put(
        UPOS,
        { id: upoKey(userTokenId, paymentMethod, accountHash), data: { upoId } },
        now,
      );
    },
  };
}
