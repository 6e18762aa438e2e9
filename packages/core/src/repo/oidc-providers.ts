// The IAM OpenID Connect provider aggregate: a provider (by ARN, which is derived from its URL), its
// client ids in the order they were added, and its thumbprints. At most 100 providers per account and
// 100 client ids per provider (AWS's quotas), each enforced inside the insert that could exceed it.
// Tags live in the tags table under the provider's ARN and go with it.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { oidcProviderClientIds, oidcProviders, tags } from '../db/schema';
import { deleteAllTagsStatement } from './tags';

/** AWS: OpenIdConnectProvidersPerAccount. */
export const MAX_OIDC_PROVIDERS = 100;
/** AWS: client ids (audiences) per OpenID Connect provider. */
export const MAX_OIDC_CLIENT_IDS = 100;
/** AWS: thumbprints per OpenID Connect provider. */
export const MAX_OIDC_THUMBPRINTS = 5;

export interface OidcProvider {
  arn: string;
  accountId: string;
  /** the issuer URL as registered, with its scheme (GetOpenIDConnectProvider answers it without) */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  createdAt: Date;
}

/** `arn:aws:iam::<account>:oidc-provider/<url without its scheme>` */
export const oidcProviderArn = (accountId: string, urlWithoutScheme: string) =>
  `arn:aws:iam::${accountId}:oidc-provider/${urlWithoutScheme}`;

const thumbprintsOf = (stored: string): string[] => {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
};

/** The provider an ARN names, with its client ids; undefined when there is none. */
export async function findOidcProvider(db: Db, arn: string): Promise<OidcProvider | undefined> {
  const [rows, ids] = await db.batch([
    db.select().from(oidcProviders).where(eq(oidcProviders.arn, arn)),
    db
      .select({ clientId: oidcProviderClientIds.clientId })
      .from(oidcProviderClientIds)
      .where(eq(oidcProviderClientIds.providerArn, arn))
      .orderBy(asc(oidcProviderClientIds.position)),
  ]);
  const row = rows[0];
  if (!row) return undefined;
  return { ...row, thumbprints: thumbprintsOf(row.thumbprints), clientIds: ids.map((i) => i.clientId) };
}

/** Every provider ARN of the account, in ARN order (ListOpenIDConnectProviders is not paginated). */
export async function listOidcProviderArns(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ arn: oidcProviders.arn })
    .from(oidcProviders)
    .where(eq(oidcProviders.accountId, accountId))
    .orderBy(asc(oidcProviders.arn));
  return rows.map((r) => r.arn);
}

export const countOidcProviders = async (db: Db, accountId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(oidcProviders)
      .where(eq(oidcProviders.accountId, accountId))
  )[0]?.n ?? 0;

/**
 * The statements that create a provider: the row only while the account has fewer than 100 (a URL in
 * use fails the primary key), then its client ids and tags, only if this very row went in (a provider
 * that already existed keeps its own). `inserted` holds after the batch when it did.
 */
export function insertOidcProviderStatements(
  db: Db,
  p: Omit<OidcProvider, 'clientIds'>,
  clientIds: readonly string[],
  newTags: readonly { Key: string; Value: string }[],
) {
  const created = sql`EXISTS (SELECT 1 FROM oidc_providers WHERE arn = ${p.arn} AND created_at = ${p.createdAt.getTime()})`;
  const insert = db.insert(oidcProviders).select(
    sql`SELECT ${p.arn}, ${p.accountId}, ${p.url}, ${JSON.stringify(p.thumbprints)}, ${p.createdAt.getTime()}
    WHERE (SELECT count(*) FROM oidc_providers WHERE account_id = ${p.accountId}) < ${MAX_OIDC_PROVIDERS}`,
  );
  const ids = clientIds.map((clientId, position) =>
    db.insert(oidcProviderClientIds).select(sql`SELECT ${p.arn}, ${clientId}, ${position} WHERE ${created}`),
  );
  const tagged = newTags.map((t) => db.insert(tags).select(sql`SELECT ${p.arn}, ${t.Key}, ${t.Value} WHERE ${created}`));
  return { statements: [insert, ...ids, ...tagged], inserted: created };
}

/**
 * AddClientIDToOpenIDConnectProvider: idempotent (an id already there changes nothing) and only while
 * the provider has fewer than 100. `added` holds after the batch when the id is on the provider.
 */
export function addOidcClientIdStatement(db: Db, arn: string, clientId: string) {
  const insert = db.insert(oidcProviderClientIds).select(
    sql`SELECT ${arn}, ${clientId}, coalesce((SELECT max(position) FROM oidc_provider_client_ids WHERE provider_arn = ${arn}), -1) + 1
    WHERE NOT EXISTS (SELECT 1 FROM oidc_provider_client_ids WHERE provider_arn = ${arn} AND client_id = ${clientId})
      AND (SELECT count(*) FROM oidc_provider_client_ids WHERE provider_arn = ${arn}) < ${MAX_OIDC_CLIENT_IDS}`,
  );
  return {
    statement: insert,
    added: sql`EXISTS (SELECT 1 FROM oidc_provider_client_ids WHERE provider_arn = ${arn} AND client_id = ${clientId})`,
  };
}

/** RemoveClientIDFromOpenIDConnectProvider: idempotent, as AWS. */
export const removeOidcClientIdStatement = (db: Db, arn: string, clientId: string) =>
  db.delete(oidcProviderClientIds).where(and(eq(oidcProviderClientIds.providerArn, arn), eq(oidcProviderClientIds.clientId, clientId)));

/** UpdateOpenIDConnectProviderThumbprint: the list replaces the old one (never merged). */
export const setOidcThumbprintsStatement = (db: Db, arn: string, thumbprints: readonly string[]) =>
  db
    .update(oidcProviders)
    .set({ thumbprints: JSON.stringify(thumbprints) })
    .where(eq(oidcProviders.arn, arn));

export const deleteOidcProviderStatements = (db: Db, arn: string) => [
  deleteAllTagsStatement(db, arn),
  db.delete(oidcProviderClientIds).where(eq(oidcProviderClientIds.providerArn, arn)),
  db.delete(oidcProviders).where(eq(oidcProviders.arn, arn)),
];
