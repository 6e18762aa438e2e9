// The wizard's rules for federated trust, checked without any API call: which identity provider was
// chosen (an OpenID Connect provider for web identity, a SAML provider for SAML 2.0 federation), the
// web-identity audience, and the subject condition, which for GitHub Actions is written from an
// organization, a repository and a branch as AWS's console writes it. Whether the provider exists and
// the audience is one of its client ids needs the API: trust-document.ts asks it.
import type { FieldErrors } from '../../../ui/components';
import { oidcProviderId } from '../trust';
import type { Draft } from './draft';

export const OIDC_PROVIDER_ARN = /^arn:aws:iam::\d{12}:oidc-provider\/\S{1,255}$/;
// SAML provider names: 1-128 of letters, digits and . _ -
export const SAML_PROVIDER_ARN = /^arn:aws:iam::\d{12}:saml-provider\/[\w.-]{1,128}$/;
export const samlProviderName = (arn: string) => arn.slice(arn.indexOf(':saml-provider/') + ':saml-provider/'.length);

/** The only SAML access AWS's console offers that this service has: AssumeRoleWithSAML (no console sign-in through SAML). */
export const SAML_PROGRAMMATIC = 'programmatic';

/** GitHub Actions' issuer, and GitHub Enterprise Cloud's per-enterprise issuers under it: their `sub` has one shape. */
const GITHUB = 'token.actions.githubusercontent.com';
export const isGitHub = (providerArn: string) => {
  const id = oidcProviderId(providerArn);
  return id === GITHUB || id.startsWith(`${GITHUB}/`);
};

// GitHub's own rules: an owner is 1-39 letters, digits and hyphens; a repository 1-100 of letters,
// digits and . _ -. Here `*` stands for any repository; a branch is what a git ref may hold, with the
// wildcards StringLike reads.
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPOSITORY = /^(?:\*|[\w.-]{1,100})$/;
const GITHUB_BRANCH = /^[^\s~^:[\\\u0000-\u001f\u007f]{1,255}$/;
const MAX_SUBJECT = 1000;

/**
 * `repo:<org>/<repo>:ref:refs/heads/<branch>` for GitHub Actions, as AWS's console writes it: the
 * organization alone allows its every repository (`repo:acme/*`), a repository any of its refs,
 * environments and pull requests (`repo:acme/app:*`), a branch only workflows run on that branch.
 */
export function githubSubject(org: string, repo: string, branch: string): string {
  const repository = `repo:${org}/${repo || '*'}`;
  return branch ? `${repository}:ref:refs/heads/${branch}` : repo && repo !== '*' ? `${repository}:*` : repository;
}

/** The StringLike pattern for `<provider>:sub` the draft asks for, if any. */
export function subjectOf(d: Draft): string | undefined {
  if (d.trustType !== 'web-identity') return undefined;
  if (isGitHub(d.oidcProvider)) return d.githubOrg ? githubSubject(d.githubOrg, d.githubRepo, d.githubBranch) : undefined;
  return d.subject || undefined;
}

/** Step 1's fields for the two federated kinds. */
export function federationTrustErrors(d: Draft): FieldErrors {
  if (d.trustType === 'web-identity') {
    if (!d.oidcProvider) return { oidcProvider: 'Choose the identity provider whose tokens may assume the role' };
    if (!OIDC_PROVIDER_ARN.test(d.oidcProvider)) return { oidcProvider: 'Choose an identity provider from the list' };
  }
  if (d.trustType === 'saml') {
    const e: Record<string, string> = {};
    if (!d.samlProvider) e.samlProvider = 'Choose the SAML provider whose users may assume the role';
    else if (!SAML_PROVIDER_ARN.test(d.samlProvider)) e.samlProvider = 'Choose a SAML provider from the list';
    if (d.samlAccess !== SAML_PROGRAMMATIC)
      e.samlAccess = 'Choose “Allow programmatic access only”: this service offers no console sign-in through SAML';
    return e;
  }
  return {};
}

/** The fields of the web-identity step; `trustStepOf` sends their messages back to it. */
export const WEB_IDENTITY_FIELDS: readonly string[] = ['audience', 'githubOrg', 'githubRepo', 'githubBranch', 'subject'];

/** The step whose fields the trust messages are about. */
export const trustStepOf = (errors: FieldErrors): 'trust' | 'web-identity' =>
  Object.keys(errors).some((k) => WEB_IDENTITY_FIELDS.includes(k)) ? 'web-identity' : 'trust';

/** The web-identity step's own checks: an audience chosen, and the subject's parts well formed. */
export function webIdentityErrors(d: Draft): FieldErrors {
  if (d.trustType !== 'web-identity') return {};
  const e: Record<string, string> = {};
  if (!d.audience) e.audience = 'Choose the audience of the provider’s tokens';
  else if (d.audience.length > 255) e.audience = 'Choose an audience from the list';
  if (isGitHub(d.oidcProvider)) {
    if (!d.githubOrg)
      e.githubOrg =
        'Enter the GitHub organization (or user) whose workflows may assume the role: without it, any repository on GitHub could';
    else if (!GITHUB_OWNER.test(d.githubOrg))
      e.githubOrg = 'A GitHub organization is 1 to 39 letters, digits and hyphens, for example acme';
    if (d.githubRepo && !GITHUB_REPOSITORY.test(d.githubRepo))
      e.githubRepo = 'A repository name is 1 to 100 letters, digits and . _ -, for example app, or leave it empty for every repository';
    if (d.githubBranch && !GITHUB_BRANCH.test(d.githubBranch))
      e.githubBranch = 'A branch name has no spaces and none of ~ ^ : [ \\, for example main or release/*';
  } else if (d.subject.length > MAX_SUBJECT)
    e.subject = `The subject condition must be ${MAX_SUBJECT.toLocaleString('en')} characters or fewer`;
  else if (/[\u0000-\u001f\u007f]/.test(d.subject)) e.subject = 'The subject condition may not contain control characters';
  return e;
}

/** Why the audience is not one the provider accepts, naming the ones it does. */
export function audienceProblem(audience: string, providerArn: string, clientIds: readonly string[]): string {
  const id = oidcProviderId(providerArn);
  return clientIds.length
    ? `${audience} is not an audience of ${id}: choose one of its client IDs (${clientIds.join(', ')})`
    : `${id} has no audiences (client IDs) yet: add one to the provider first`;
}
