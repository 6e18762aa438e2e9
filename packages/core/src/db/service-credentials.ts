// Credentials IAM keeps for other AWS services: SSH public keys (CodeCommit), X.509 signing
// certificates (SOAP-era request signing; the root user may have them too), service-specific
// credentials (CodeCommit Git, Keyspaces, Bedrock and CloudWatch Logs API keys) and the account's
// server certificates (TLS certificates with their private keys, for load balancers and CloudFront).
// Public material is stored as uploaded; the server certificate's private key is sealed under the
// master key (crypto/secret-box); a service-specific password is never stored, only its SHA-256.
import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';
import { users } from './principals';

const statusColumn = () =>
  text('status', { enum: ['Active', 'Inactive'] })
    .notNull()
    .default('Active');

export const sshPublicKeys = sqliteTable(
  'ssh_public_keys',
  {
    id: text('id').primaryKey(), // APKA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** the key as uploaded (ssh-rsa or PEM); GetSSHPublicKey derives the other encoding from it */
    body: text('body').notNull(),
    /** MD5 of the SSH wire-format key blob, hex pairs joined by colons, as AWS shows it */
    fingerprint: text('fingerprint').notNull(),
    status: statusColumn(),
    uploadedAt: timestamp('uploaded_at').notNull(),
  },
  (t) => [
    // INVARIANT: one user cannot hold the same key twice (DuplicateSSHPublicKey); the index also serves per-user reads.
    uniqueIndex('ssh_public_keys_user_fingerprint').on(t.userId, t.fingerprint),
    check('ssh_public_keys_status', sql`${t.status} IN ('Active', 'Inactive')`),
  ],
);

export const signingCertificates = sqliteTable(
  'signing_certificates',
  {
    id: text('id').primaryKey(), // 32 characters of A-Z2-7, as AWS's certificate ids look
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }), // null = root
    body: text('body').notNull(), // PEM, as uploaded
    /** SHA-256 of the certificate's DER, hex: the same certificate twice in one account is DuplicateCertificate */
    thumbprint: text('thumbprint').notNull(),
    status: statusColumn(),
    uploadedAt: timestamp('uploaded_at').notNull(),
  },
  (t) => [
    uniqueIndex('signing_certificates_account_thumbprint').on(t.accountId, t.thumbprint),
    index('signing_certificates_user').on(t.accountId, t.userId),
    check('signing_certificates_status', sql`${t.status} IN ('Active', 'Inactive')`),
  ],
);

export const serviceSpecificCredentials = sqliteTable(
  'service_specific_credentials',
  {
    id: text('id').primaryKey(), // ACCA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    serviceName: text('service_name').notNull(), // codecommit.amazonaws.com, cassandra.amazonaws.com, ...
    /** ServiceUserName (`<user>-at-<account>`) for password services, ServiceCredentialAlias for API-key services */
    serviceUserName: text('service_user_name').notNull(),
    /** SHA-256 (hex) of the password or API key: shown once on create and reset, never readable again */
    secretHash: text('secret_hash').notNull(),
    status: statusColumn(),
    createdAt: timestamp('created_at').notNull(),
    /** API keys created with CredentialAgeDays expire; null = never */
    expiresAt: timestamp('expires_at'),
  },
  (t) => [
    index('service_specific_credentials_user').on(t.userId, t.serviceName),
    check('service_specific_credentials_status', sql`${t.status} IN ('Active', 'Inactive')`),
  ],
);

export const serverCertificates = sqliteTable(
  'server_certificates',
  {
    id: text('id').primaryKey(), // ASCA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    body: text('body').notNull(), // PEM
    chain: text('chain'), // PEM certificates, as uploaded
    /** the PEM private key, AES-GCM sealed under the master key: never returned by the API */
    privateKeyCiphertext: text('private_key_ciphertext').notNull(),
    /** the certificate's notAfter */
    expiresAt: timestamp('expires_at').notNull(),
    uploadedAt: timestamp('uploaded_at').notNull(),
  },
  (t) => [uniqueIndex('server_certificates_account_name_unique').on(t.accountId, sql`lower(${t.name})`)],
);
