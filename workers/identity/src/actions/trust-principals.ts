// Trust policies name principals by unique id, as AWS stores them. When a trust policy is saved, each
// user or role ARN of this account in `Principal`/`NotPrincipal` `AWS` becomes that principal's unique
// id (`AIDA...`, `AROA...`), so deleting or renaming the principal and creating another of that name
// (or renaming oneself to it) never inherits the trust: the id matches the original principal only.
// Such an ARN that names nobody is refused, as AWS refuses it. Other accounts' ARNs, account roots
// and services stay as written.
//
// `Federated` principals are stored as written too (by ARN, as AWS stores them: a provider has no
// unique id), but each must name an identity provider: an OpenID Connect or SAML provider of this
// account that exists (`arn:aws:iam::<account>:oidc-provider/...`, `...:saml-provider/<name>`), another
// account's provider ARN, or a provider AWS trusts without one (`cognito-identity.amazonaws.com`,
// `accounts.google.com` ...). Anything else is MalformedPolicyDocument, as in AWS.
//
// When shown (GetRole, ListRoles, instance profiles, GetAccountAuthorizationDetails), each id reads as
// its principal's current ARN, or stays a bare id once the principal is gone: what AWS shows.
import { IamError } from '@edge-iam/core';
import { PARTITION, iamArn, parseArn } from '@edge-iam/core/arn';
import { UNIQUE_PRINCIPAL_ID, awsPrincipalValues, replaceAwsPrincipals } from '@edge-iam/core/policy';
import { BUILT_IN_WEB_IDENTITY_PROVIDERS } from '@edge-iam/core/authz';
import { findOidcProvider, findPrincipalByArn, findSamlProvider, principalArnsByIds } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';

const invalidPrincipal = (value: string) => new IamError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${value}"`);

/** A user or role ARN of this account, which IAM binds to the principal's id. */
function isBindable(value: string, accountId: string): boolean {
  const arn = parseArn(value);
  return (
    arn !== null &&
    arn.partition === PARTITION &&
    arn.service === 'iam' &&
    arn.region === '' &&
    arn.account === accountId &&
    (arn.resource.startsWith('user/') || arn.resource.startsWith('role/'))
  );
}

/** The document to store (principals bound to ids) and the one to show for it now. */
export interface BoundTrustPolicy {
  readonly stored: string;
  readonly shown: string;
}

/**
 * Binds the trust policy's user and role ARNs of this account to unique ids. An ARN that names no
 * principal, or an id that is not one of this account's users or roles, is MalformedPolicyDocument.
 * Call it only after the caller is authorized: it tells which principals exist.
 */
export async function bindTrustPrincipals(ctx: ActionContext, document: string): Promise<BoundTrustPolicy> {
  await checkFederatedPrincipals(ctx, document);
  const values = awsPrincipalValues(document);
  const arns = values.filter((v) => isBindable(v, ctx.accountId));
  const ids = values.filter((v) => UNIQUE_PRINCIPAL_ID.test(v));
  if (arns.length === 0 && ids.length === 0) return { stored: document, shown: document };
  const [found, current] = await Promise.all([
    Promise.all(arns.map((a) => findPrincipalByArn(ctx.db, a))),
    principalArnsByIds(ctx.db, ctx.accountId, ids),
  ]);
  const toId = new Map<string, string>();
  const toArn = new Map<string, string>();
  arns.forEach((written, i) => {
    const p = found[i];
    if (!p || p.accountId !== ctx.accountId) throw invalidPrincipal(written);
    const id = p.kind === 'user' ? p.userId : p.roleId;
    toId.set(written, id);
    toArn.set(id, iamArn(p.accountId, p.kind, p.kind === 'user' ? p.userName : p.roleName, p.path));
  });
  for (const id of ids) {
    const arn = current.get(id);
    if (arn === undefined) throw invalidPrincipal(id);
    toArn.set(id, arn);
  }
  const stored = replaceAwsPrincipals(document, toId);
  return { stored, shown: replaceAwsPrincipals(stored, toArn) };
}

/** Stored trust policies as they are shown, given the current ARN of each id that still exists. */
export function showTrustPolicy(stored: string, currentArns: ReadonlyMap<string, string>): string {
  return replaceAwsPrincipals(stored, currentArns);
}

/**
 * Reads the current ARNs of every principal id in these roles' trust policies (one batch), and returns
 * a function that gives a role its trust policy as shown.
 */
export async function trustPolicyDisplay(
  ctx: ActionContext,
  roles: readonly { assumeRolePolicy: string }[],
): Promise<<R extends { assumeRolePolicy: string }>(role: R) => R> {
  const ids = roles.flatMap((r) => awsPrincipalValues(r.assumeRolePolicy).filter((v) => UNIQUE_PRINCIPAL_ID.test(v)));
  const current = ids.length > 0 ? await principalArnsByIds(ctx.db, ctx.accountId, ids) : new Map<string, string>();
  return (role) => ({ ...role, assumeRolePolicy: showTrustPolicy(role.assumeRolePolicy, current) });
}

const invalidFederated = (value: string) => new IamError('MalformedPolicyDocument', `Invalid principal in policy: "Federated":"${value}"`);

/** Every `Federated` value of the document's Principal and NotPrincipal elements. */
function federatedPrincipalValues(document: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch {
    return [];
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  const out = new Set<string>();
  for (const st of Array.isArray(statements) ? statements : [statements]) {
    if (typeof st !== 'object' || st === null) continue;
    for (const element of ['Principal', 'NotPrincipal']) {
      const federated = ((st as Record<string, unknown>)[element] as { Federated?: unknown } | undefined)?.Federated;
      for (const v of Array.isArray(federated) ? federated : [federated]) if (typeof v === 'string') out.add(v);
    }
  }
  return [...out];
}

/** Each `Federated` principal names an identity provider: a built-in one, another account's, or one of this account that exists. */
async function checkFederatedPrincipals(ctx: ActionContext, document: string): Promise<void> {
  for (const value of federatedPrincipalValues(document)) {
    if (BUILT_IN_WEB_IDENTITY_PROVIDERS.includes(value)) continue;
    const arn = parseArn(value);
    const kind = arn?.resource.startsWith('oidc-provider/') ? 'oidc' : arn?.resource.startsWith('saml-provider/') ? 'saml' : null;
    if (
      !arn ||
      arn.partition !== PARTITION ||
      arn.service !== 'iam' ||
      arn.region !== '' ||
      kind === null ||
      !/^\d{12}$/.test(arn.account)
    ) {
      throw invalidFederated(value);
    }
    if (arn.account !== ctx.accountId) continue;
    const found = kind === 'oidc' ? await findOidcProvider(ctx.db, value) : await findSamlProvider(ctx.db, value);
    if (!found) throw invalidFederated(value);
  }
}
