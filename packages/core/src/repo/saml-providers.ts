// The IAM SAML provider aggregate: a provider (by ARN, from its name), the metadata document as
// uploaded and what was read from it then (the IdP's entity id, signing certificates, validUntil).
// At most 100 per account (AWS's quota), enforced inside the insert. Tags live in the tags table
// under the provider's ARN and go with it.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { samlProviders, tags } from '../db/schema';
import { deleteAllTagsStatement } from './tags';

/** AWS: SAMLProvidersPerAccount. */
export const MAX_SAML_PROVIDERS = 100;

export type SamlProviderRow = typeof samlProviders.$inferSelect;

export interface SamlProvider extends Omit<SamlProviderRow, 'certificates'> {
  /** base64 DER of each signing certificate */
  certificates: string[];
}

/** `arn:aws:iam::<account>:saml-provider/<name>` */
export const samlProviderArn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:saml-provider/${name}`;

const certificatesOf = (stored: string): string[] => {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
};

export async function findSamlProvider(db: Db, arn: string): Promise<SamlProvider | undefined> {
  const row = await db.select().from(samlProviders).where(eq(samlProviders.arn, arn)).get();
  return row ? { ...row, certificates: certificatesOf(row.certificates) } : undefined;
}

/** Every provider of the account, in ARN order, without the documents (ListSAMLProviders). */
export function listSamlProviders(db: Db, accountId: string) {
  return db
    .select({ arn: samlProviders.arn, validUntil: samlProviders.validUntil, createdAt: samlProviders.createdAt })
    .from(samlProviders)
    .where(eq(samlProviders.accountId, accountId))
    .orderBy(asc(samlProviders.arn))
    .all();
}

/** What a metadata document says, as parseSamlMetadata read it. */
export interface SamlMetadataFacts {
  metadataDocument: string;
  entityId: string;
  certificates: readonly string[];
  validUntil: Date | null;
}

/**
 * The insert, only while the account has fewer than 100 (a name in use fails the primary key), and
 * the new provider's tags, only if this very row went in. `inserted` holds after the batch when it did.
 */
export function insertSamlProviderStatements(
  db: Db,
  p: { arn: string; accountId: string; name: string; uuid: string; createdAt: Date } & SamlMetadataFacts,
  newTags: readonly { Key: string; Value: string }[],
) {
  const created = sql`EXISTS (SELECT 1 FROM saml_providers WHERE arn = ${p.arn} AND uuid = ${p.uuid})`;
  const insert = db.insert(samlProviders).select(
    sql`SELECT ${p.arn}, ${p.accountId}, ${p.name}, ${p.uuid}, ${p.metadataDocument}, ${p.entityId}, ${JSON.stringify(p.certificates)},
      ${p.validUntil ? p.validUntil.getTime() : null}, ${p.createdAt.getTime()}
    WHERE (SELECT count(*) FROM saml_providers WHERE account_id = ${p.accountId}) < ${MAX_SAML_PROVIDERS}`,
  );
  const tagged = newTags.map((t) => db.insert(tags).select(sql`SELECT ${p.arn}, ${t.Key}, ${t.Value} WHERE ${created}`));
  return { statements: [insert, ...tagged], inserted: created };
}

export const countSamlProviders = async (db: Db, accountId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(samlProviders)
      .where(eq(samlProviders.accountId, accountId))
  )[0]?.n ?? 0;

/** UpdateSAMLProvider with a new metadata document: everything read from it is replaced together. */
export const updateSamlMetadataStatement = (db: Db, arn: string, m: SamlMetadataFacts) =>
  db
    .update(samlProviders)
    .set({
      metadataDocument: m.metadataDocument,
      entityId: m.entityId,
      certificates: JSON.stringify(m.certificates),
      validUntil: m.validUntil,
    })
    .where(eq(samlProviders.arn, arn));

/**
 * The provider and its tags. Its redeemed-assertion records stay until they expire (minutes): a
 * provider deleted and created again under the same name must not accept an assertion used already.
 */
export const deleteSamlProviderStatements = (db: Db, arn: string) => [
  deleteAllTagsStatement(db, arn),
  db.delete(samlProviders).where(eq(samlProviders.arn, arn)),
];
