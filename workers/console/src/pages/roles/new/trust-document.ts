// The trust policy a draft stands for: written from the answers (trust.ts) or the person's own JSON.
// An IAM user is named by its ARN, which carries the user's path, so it is read with GetUser: a user
// who does not exist is the person's mistake, shown beside the field before anything is created.
// Likewise an identity provider that does not exist, or an audience that is not one of the OpenID
// Connect provider's client ids (the draft came back from the browser, so it is asked each time).
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import type { FieldErrors } from '../../../ui/components';
import { trustPolicyFor } from '../trust';
import { servicePrincipal, type Draft } from './draft';
import { audienceProblem, subjectOf } from './federation';
import { readOidcProvider, samlProviderProblem } from './providers';

export type TrustDocument = { ok: true; document: string; note?: string } | { ok: false; errors: FieldErrors };

async function userArn(c: ConsoleContext, name: string): Promise<{ arn: string; note?: string } | { problem: string }> {
  try {
    const got = await c.var.iam.call<{ User: { Arn: string } }>('GetUser', { UserName: name });
    return { arn: got.User.Arn };
  } catch (e) {
    if (!isIamError(e) || e.status >= 500) throw e;
    if (e.code === 'NoSuchEntity') return { problem: e.message };
    // Not allowed to read the user: name it at the account's root path; CreateRole refuses a principal that does not exist.
    const arn = `arn:aws:iam::${c.var.session.principal.accountId}:user/${name}`;
    return { arn, note: `The user could not be read (${e.message}), so the policy names ${arn}.` };
  }
}

/** The document to create the role with, or the field messages that stop it. Call after trustErrors passed. */
export async function trustDocumentOf(c: ConsoleContext, d: Draft): Promise<TrustDocument> {
  switch (d.trustType) {
    case 'service':
      return { ok: true, document: trustPolicyFor({ kind: 'service', service: servicePrincipal(d) }) };
    case 'account':
      return {
        ok: true,
        document: trustPolicyFor({
          kind: 'account',
          accountId: d.accountId,
          externalId: d.requireExternalId ? d.externalId : undefined,
          mfa: d.requireMfa,
        }),
      };
    case 'user': {
      const found = await userArn(c, d.userName);
      if ('problem' in found) return { ok: false, errors: { userName: found.problem } };
      return { ok: true, document: trustPolicyFor({ kind: 'user', userArn: found.arn }), ...(found.note ? { note: found.note } : {}) };
    }
    case 'web-identity': {
      const read = await readOidcProvider(c, d.oidcProvider);
      if (!read.ok) return { ok: false, errors: { oidcProvider: read.problem } };
      if (!read.provider.clientIds.includes(d.audience))
        return { ok: false, errors: { audience: audienceProblem(d.audience, d.oidcProvider, read.provider.clientIds) } };
      const choice = { kind: 'web-identity', providerArn: d.oidcProvider, audience: d.audience, subject: subjectOf(d) } as const;
      return { ok: true, document: trustPolicyFor(choice) };
    }
    case 'saml': {
      const problem = await samlProviderProblem(c, d.samlProvider);
      if (problem) return { ok: false, errors: { samlProvider: problem } };
      return { ok: true, document: trustPolicyFor({ kind: 'saml', providerArn: d.samlProvider }) };
    }
    case 'custom':
      return { ok: true, document: d.customPolicy };
    default:
      return { ok: false, errors: { trustType: 'Choose who may assume the role' } };
  }
}
