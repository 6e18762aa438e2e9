// Operations botocore defines that need something this service does not have (AWS Organizations, AWS
// partners' delegation requests, outbound web identity federation). Each is authorized like any other
// action (so an unauthorized caller learns nothing new), its required parameters are checked as AWS
// checks them, and then it answers the error AWS itself gives in the situation this service is always
// in: the account belongs to no organization, the feature is disabled, the delegation request or
// report does not exist. Never InvalidAction: scripts and tools can tell "not here" from "unknown".
// The README lists them (section "Operations answered with a documented error").
import { z } from 'zod';
import { IamError, type ErrorCode } from '@edge-iam/core';
import { action, type ActionTable } from '../action';
import type { Api } from '../context';
import { arn, awsString, description, int, list, marker, maxItems } from '../params';

const delegationRequestId = awsString(16, 128, /^[\w-]+$/, '[\\w-]+');
const jobId = awsString(36, 36);

const NOT_IN_ORGANIZATION =
  'This account is not a member of an organization: this service has no AWS Organizations, so organization features are not available.';

interface Unsupported {
  api: Api;
  params: z.ZodObject;
  code: ErrorCode;
  /** the answer; `p` is the validated input */
  message: (p: Record<string, unknown>) => string;
  /** what the operation is about, for authorization (`*` unless it names one thing) */
  resource?: (accountId: string, p: Record<string, unknown>) => string;
}

const noDelegationRequest = (p: Record<string, unknown>) =>
  `The delegation request with id ${String(p.DelegationRequestId)} cannot be found.`;
const delegation = (extra: z.ZodRawShape = {}): Unsupported => ({
  api: 'iam',
  params: z.object({ DelegationRequestId: delegationRequestId, ...extra }),
  code: 'NoSuchEntity',
  message: noDelegationRequest,
});
const organizations = (params: z.ZodObject = z.object({})): Unsupported => ({
  api: 'iam',
  params,
  code: 'OrganizationNotFoundException',
  message: () => NOT_IN_ORGANIZATION,
});
const outboundDisabled = (what: string): Unsupported => ({
  api: 'iam',
  params: z.object({}),
  code: 'FeatureDisabled',
  message: () => `Outbound web identity federation is disabled for this account${what}.`,
});

/** Operation -> why it cannot be done here and what AWS answers then. */
export const UNSUPPORTED: Readonly<Record<string, Unsupported>> = {
  // Delegation requests are created by AWS partners after an onboarding this service has none of.
  CreateDelegationRequest: {
    api: 'iam',
    params: z.object({
      Description: description,
      Permissions: z.unknown().refine((v) => v !== undefined, { message: 'Member must not be null' }),
      RequestorWorkflowId: awsString(5, 400),
      NotificationChannel: awsString(2, 400, /^[a-zA-Z0-9:_.-]+$/, '^[a-zA-Z0-9:_.-]+$'),
      SessionDuration: int(300, 43_200),
    }),
    code: 'InvalidInput',
    message: () => 'Delegation requests can only be created by onboarded AWS partners, and this service has none.',
  },
  AcceptDelegationRequest: delegation(),
  AssociateDelegationRequest: delegation(),
  GetDelegationRequest: delegation(),
  RejectDelegationRequest: delegation(),
  UpdateDelegationRequest: delegation(),
  SendDelegationToken: delegation(),
  GetHumanReadableSummary: {
    api: 'iam',
    params: z.object({ EntityArn: arn }),
    code: 'NoSuchEntity',
    message: (p) =>
      `The entity ${String(p.EntityArn)} cannot be found: summaries exist only for delegation requests, and there are none here.`,
  },
  // AWS Organizations: no organization exists here, so the account is never a member or management account.
  EnableOrganizationsRootCredentialsManagement: organizations(),
  DisableOrganizationsRootCredentialsManagement: organizations(),
  EnableOrganizationsRootSessions: organizations(),
  DisableOrganizationsRootSessions: organizations(),
  ListOrganizationsFeatures: organizations(),
  GenerateOrganizationsAccessReport: organizations(
    z.object({
      EntityPath: awsString(
        19,
        427,
        /^o-[0-9a-z]{10,32}\/r-[0-9a-z]{4,32}[0-9a-z-/]*$/,
        '^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*',
      ),
    }),
  ),
  GetOrganizationsAccessReport: {
    api: 'iam',
    params: z.object({ JobId: jobId }),
    code: 'NoSuchEntity',
    message: (p) => `The organizations access report job ${String(p.JobId)} cannot be found.`,
  },
  AssumeRoot: {
    api: 'sts',
    params: z.object({ TargetPrincipal: awsString(12, 2048), TaskPolicyArn: z.object({ arn: awsString(20, 2048) }) }),
    code: 'OrganizationNotFoundException',
    message: () => NOT_IN_ORGANIZATION,
  },
  // Outbound web identity federation (JWTs for AWS principals, for external services) is never enabled here.
  EnableOutboundWebIdentityFederation: outboundDisabled(
    ': this service does not issue web identity tokens, so the feature cannot be enabled',
  ),
  DisableOutboundWebIdentityFederation: outboundDisabled(''),
  GetOutboundWebIdentityFederationInfo: outboundDisabled(''),
  GetWebIdentityToken: {
    api: 'sts',
    params: z.object({
      Audience: list(awsString(1, 1000)).refine((a) => a.length >= 1 && a.length <= 10, {
        message: 'Member must have length between 1 and 10',
      }),
      SigningAlgorithm: awsString(5, 5),
    }),
    code: 'OutboundWebIdentityFederationDisabledException',
    message: () => 'Outbound web identity federation is disabled for this account.',
  },
  GetDelegatedAccessToken: {
    api: 'sts',
    params: z.object({ TradeInToken: awsString(1, 4096) }),
    code: 'ExpiredTradeInTokenException',
    message: () => 'The trade-in token is not valid: this service issues none (there are no delegation requests here).',
  },
};

function tableFor(api: Api): ActionTable {
  const out: ActionTable = {};
  for (const [name, u] of Object.entries(UNSUPPORTED)) {
    if (u.api !== api) continue;
    out[name] = action(u.params, async (ctx, p) => {
      await ctx.authorize(u.resource?.(ctx.accountId, p) ?? '*');
      throw new IamError(u.code, u.message(p));
    });
  }
  return out;
}

export const unsupportedIamActions: ActionTable = {
  ...tableFor('iam'),
  // Listing is answerable truthfully: there are no delegation requests, so the list is empty.
  ListDelegationRequests: action(
    z.object({ OwnerId: awsString(1, 2048).optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx) => {
      await ctx.authorize('*');
      return { DelegationRequests: [], isTruncated: false };
    },
  ),
};
export const unsupportedStsActions = tableFor('sts');
