// Identity providers an account trusts, for federation into roles (AssumeRoleWithWebIdentity,
// AssumeRoleWithSAML), and the SAML assertions already redeemed. A provider is named by its ARN, as
// AWS names it (there is no unique id): `arn:aws:iam::<account>:oidc-provider/<url without https://>`
// and `arn:aws:iam::<account>:saml-provider/<name>`, so the ARN is the primary key and one URL (or one
// name) is registered at most once per account. Tags live in the shared tags table under the ARN.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';

/** OpenID Connect providers: the issuer URL as registered; the ARN and GetOpenIDConnectProvider drop its scheme. */
export const oidcProviders = sqliteTable(
  'oidc_providers',
  {
    arn: text('arn').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** `https://token.actions.githubusercontent.com`: the issuer a token's `iss` must equal */
    url: text('url').notNull(),
    /** JSON array of 40-character hex SHA-1 thumbprints (at most five; optional, as AWS now allows) */
    thumbprints: text('thumbprints').notNull().default('[]'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('oidc_providers_account').on(t.accountId, t.arn)],
);

/**
 * The client ids (audiences) of an OpenID Connect provider: one row each, so adding one is idempotent
 * (a primary key, not a rewrite of a list two requests could race on) and the 100-per-provider quota
 * is checked inside the insert. `position` keeps the order they were added in.
 */
export const oidcProviderClientIds = sqliteTable(
  'oidc_provider_client_ids',
  {
    providerArn: text('provider_arn')
      .notNull()
      .references(() => oidcProviders.arn, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerArn, t.clientId] })],
);

/** SAML 2.0 providers: the metadata document as uploaded, and what was read from it when it was. */
export const samlProviders = sqliteTable(
  'saml_providers',
  {
    arn: text('arn').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SAMLProviderUUID: an opaque id AWS reports for the provider */
    uuid: text('uuid').notNull(),
    metadataDocument: text('metadata_document').notNull(),
    /** the IdP's entityID: an assertion's Issuer must equal it */
    entityId: text('entity_id').notNull(),
    /** JSON array of base64 DER signing certificates from the metadata's IDPSSODescriptor */
    certificates: text('certificates').notNull(),
    /** the metadata's validUntil; assertions are refused after it */
    validUntil: timestamp('valid_until'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('saml_providers_account').on(t.accountId, t.arn)],
);

/**
 * SAML assertions already exchanged for credentials, per provider, kept until the assertion's own
 * NotOnOrAfter (after which it is refused as expired anyway). INVARIANT: the row is inserted in the
 * same batch as the credentials, so an assertion replayed, even concurrently, fails the primary key
 * and issues nothing.
 */
export const samlAssertionReplays = sqliteTable(
  'saml_assertion_replays',
  {
    providerArn: text('provider_arn').notNull(),
    assertionId: text('assertion_id').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerArn, t.assertionId] }), index('saml_assertion_replays_expiry').on(t.expiresAt)],
);
