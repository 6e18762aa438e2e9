// The credential report aggregate: what a report is built from (read in ONE D1 batch: the account,
// its users, access keys, login profiles, enabled MFA devices, signing certificates and password policy) and the stored
// report itself, one row per account, replaced on each generation.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { iamArn, rootArn } from '../arn';
import type { ReportAccessKey, ReportCertificate, ReportPrincipal } from '../account/credential-report';
import type { Db } from '../db/client';
import {
  accessKeys,
  accounts,
  credentialReports,
  loginProfiles,
  mfaDevices,
  passwordPolicies,
  signingCertificates,
  users,
} from '../db/schema';

export type StoredCredentialReport = typeof credentialReports.$inferSelect;

export interface CredentialReportInput {
  principals: ReportPrincipal[];
  maxPasswordAgeDays: number | null;
}

export async function loadCredentialReportInput(db: Db, accountId: string): Promise<CredentialReportInput | null> {
  const [account, userRows, keyRows, profiles, devices, policy, certRows] = await db.batch([
    db.select().from(accounts).where(eq(accounts.id, accountId)),
    db.select().from(users).where(eq(users.accountId, accountId)),
    db.select().from(accessKeys).where(eq(accessKeys.accountId, accountId)).orderBy(asc(accessKeys.createdAt), asc(accessKeys.id)),
    db
      .select({ userId: loginProfiles.userId, changedAt: loginProfiles.passwordLastChangedAt, usedAt: loginProfiles.passwordLastUsedAt })
      .from(loginProfiles)
      .innerJoin(users, eq(users.id, loginProfiles.userId))
      .where(eq(users.accountId, accountId)),
    db
      .select({ userId: mfaDevices.userId, isRoot: mfaDevices.isRoot })
      .from(mfaDevices)
      .where(and(eq(mfaDevices.accountId, accountId), isNotNull(mfaDevices.enabledAt))),
    db.select({ maxPasswordAge: passwordPolicies.maxPasswordAge }).from(passwordPolicies).where(eq(passwordPolicies.accountId, accountId)),
    db
      .select({ userId: signingCertificates.userId, status: signingCertificates.status, uploadedAt: signingCertificates.uploadedAt })
      .from(signingCertificates)
      .where(eq(signingCertificates.accountId, accountId))
      .orderBy(asc(signingCertificates.uploadedAt), asc(signingCertificates.id)),
  ]);
  const acct = account[0];
  if (!acct) return null;
  const keysOf = (userId: string | null): ReportAccessKey[] =>
    keyRows
      .filter((k) => k.userId === userId)
      .map((k) => ({
        active: k.status === 'Active',
        createdAt: k.createdAt,
        lastUsedAt: k.lastUsedAt,
        lastUsedRegion: k.lastUsedRegion,
        lastUsedService: k.lastUsedService,
      }));
  const certificatesOf = (userId: string | null): ReportCertificate[] =>
    certRows.filter((c) => c.userId === userId).map((c) => ({ active: c.status === 'Active', uploadedAt: c.uploadedAt }));
  const profileOf = new Map(profiles.map((p) => [p.userId, p]));
  const root: ReportPrincipal = {
    kind: 'root',
    name: '',
    arn: rootArn(acct.id),
    createdAt: acct.createdAt,
    password: acct.rootPasswordHash ? { lastChangedAt: acct.rootPasswordChangedAt, lastUsedAt: acct.rootPasswordLastUsedAt } : null,
    mfaActive: devices.some((d) => d.isRoot),
    keys: keysOf(null),
    certificates: certificatesOf(null),
  };
  const iamUsers = userRows.map((u): ReportPrincipal => {
    const profile = profileOf.get(u.id);
    return {
      kind: 'user',
      name: u.name,
      arn: iamArn(u.accountId, 'user', u.name, u.path),
      createdAt: u.createdAt,
      password: profile ? { lastChangedAt: profile.changedAt, lastUsedAt: profile.usedAt } : null,
      mfaActive: devices.some((d) => d.userId === u.id),
      keys: keysOf(u.id),
      certificates: certificatesOf(u.id),
    };
  });
  return { principals: [root, ...iamUsers], maxPasswordAgeDays: policy[0]?.maxPasswordAge ?? null };
}

export async function getStoredCredentialReport(db: Db, accountId: string): Promise<StoredCredentialReport | null> {
  return (await db.select().from(credentialReports).where(eq(credentialReports.accountId, accountId)).get()) ?? null;
}

/** Replaces the account's report (for ActionContext.commit, so the audit entry is in the same batch). */
export function putCredentialReportStatement(db: Db, accountId: string, content: string, generatedAt: Date) {
  return db
    .insert(credentialReports)
    .values({ accountId, content, generatedAt })
    .onConflictDoUpdate({ target: credentialReports.accountId, set: { content, generatedAt } });
}
