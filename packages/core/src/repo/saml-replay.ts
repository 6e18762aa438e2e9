// The SAML replay guard: an assertion's ID, per provider, is redeemed once. The guard is a plain
// insert into a table keyed by (provider, assertion id), placed in the same batch as the credentials
// it pays for: a second redemption (even a concurrent one) fails the key, and the whole batch with it,
// so a replay issues nothing. Rows are kept until the last moment the assertion could be accepted
// (its NotOnOrAfter plus the clock skew allowed), after which it is refused as expired anyway; the
// provider's own expired rows are cleared in the same batch, so the table stays as small as the
// assertions currently valid.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { samlAssertionReplays } from '../db/schema';

/** `acceptableUntil`: NotOnOrAfter plus the clock skew verification allows. */
export function redeemAssertionStatements(db: Db, providerArn: string, assertionId: string, acceptableUntil: Date, now: Date) {
  return [
    db.delete(samlAssertionReplays).where(and(eq(samlAssertionReplays.providerArn, providerArn), lt(samlAssertionReplays.expiresAt, now))),
    db.insert(samlAssertionReplays).values({ providerArn, assertionId, expiresAt: acceptableUntil }),
  ];
}

/** Every guard row whose assertion has expired (for the scheduled purge). */
export const purgeRedeemedAssertionsStatement = (db: Db, now: Date) =>
  db.delete(samlAssertionReplays).where(lt(samlAssertionReplays.expiresAt, now));
