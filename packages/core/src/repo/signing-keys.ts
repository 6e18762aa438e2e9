// JWT signing keys: created on first use, rotated on a schedule, published until their last token
// expires. A key signs from created_at to sign_until; it stays in the JWKS until retire_at, which is
// sign_until plus the longest token lifetime, and every token's exp is capped at its key's retire_at,
// so no valid token ever names a key the JWKS has dropped. Private keys are sealed under MASTER_KEY,
// bound to their kid.
import { desc, gt, lt } from 'drizzle-orm';
import { importJWK, type JWK } from 'jose';
import { generateSigningKey, MAX_TOKEN_TTL_SECONDS, SIGNIN_TOKEN_ALG } from '../crypto/jwt';
import { open, seal } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { jwtSigningKeys } from '../db/schema';

/** How long one key signs before the next takes over. */
export const SIGNING_KEY_ROTATION_MS = 7 * 86_400_000;

export const signingKeyContext = (kid: string) => `jwt-signing-key:${kid}`;

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** tokens signed with this key must expire by then */
  retireAt: Date;
}

// Decrypting and importing is the costly part; a kid's key never changes, so the cache is by kid.
// Settled keys only: a promise created by one request is never awaited by another (Workers forbid
// sharing I/O across requests, and a settled value needs no such care).
const imported = new Map<string, CryptoKey>();

async function importPrivate(masterKey: CryptoKey, kid: string, ciphertext: string): Promise<CryptoKey> {
  const hit = imported.get(kid);
  if (hit) return hit;
  const jwk = await open(masterKey, ciphertext, signingKeyContext(kid));
  const key = (await importJWK(JSON.parse(jwk) as JWK, SIGNIN_TOKEN_ALG)) as CryptoKey;
  imported.set(kid, key);
  return key;
}

/**
 * The key to sign with now: the newest one still inside its signing period, or a new one. Two
 * isolates may both create one at the same moment; both are published and either signs, which is
 * harmless. Creating a key also deletes keys whose retire_at has passed (in the same batch).
 */
export async function activeSigningKey(
  db: Db,
  masterKey: CryptoKey,
  now: Date,
  rotationMs = SIGNING_KEY_ROTATION_MS,
): Promise<ActiveSigningKey> {
  const row = await db
    .select()
    .from(jwtSigningKeys)
    .where(gt(jwtSigningKeys.signUntil, now))
    .orderBy(desc(jwtSigningKeys.createdAt), desc(jwtSigningKeys.kid))
    .limit(1)
    .get();
  if (row) return { kid: row.kid, retireAt: row.retireAt, privateKey: await importPrivate(masterKey, row.kid, row.privateKeyCiphertext) };

  const generated = await generateSigningKey();
  const signUntil = new Date(now.getTime() + rotationMs);
  const retireAt = new Date(signUntil.getTime() + MAX_TOKEN_TTL_SECONDS * 1000);
  const ciphertext = await seal(masterKey, JSON.stringify(generated.privateJwk), signingKeyContext(generated.kid));
  await db.batch([
    db.delete(jwtSigningKeys).where(lt(jwtSigningKeys.retireAt, now)),
    db.insert(jwtSigningKeys).values({
      kid: generated.kid,
      alg: SIGNIN_TOKEN_ALG,
      privateKeyCiphertext: ciphertext,
      publicJwk: JSON.stringify(generated.publicJwk),
      createdAt: now,
      signUntil,
      retireAt,
    }),
  ]);
  return { kid: generated.kid, retireAt, privateKey: await importPrivate(masterKey, generated.kid, ciphertext) };
}

/** The public keys a verifier must accept now: every key whose tokens may still be unexpired. */
export async function publishedJwks(db: Db, now: Date): Promise<{ keys: JWK[] }> {
  const rows = await db
    .select({ publicJwk: jwtSigningKeys.publicJwk })
    .from(jwtSigningKeys)
    .where(gt(jwtSigningKeys.retireAt, now))
    .orderBy(desc(jwtSigningKeys.createdAt))
    .all();
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as JWK) };
}
