// Every IAM and STS action this service implements, registered once per API. A name missing here
// answers InvalidAction; a name registered twice is an error when the worker starts (never a silent
// override), so adding a family of actions cannot shadow another.
import type { ActionDef, ActionTable } from '../action';
import type { Api } from '../context';
import { accessKeysActions } from './access-keys';
import { accountActions } from './account';
import { accountAliasesActions } from './account-aliases';
import { accountReportsActions } from './account-reports';
import { boundaryActions } from './boundaries';
import { groupsActions } from './groups';
import { inlinePoliciesActions } from './inline-policies';
import { instanceProfilesActions } from './instance-profiles';
import { loginProfilesActions } from './login-profiles';
import { managedPoliciesActions } from './managed-policies';
import { mfaDeviceTagActions } from './mfa-device-tags';
import { mfaDevicesActions } from './mfa-devices';
import { passwordPolicyActions } from './password-policy';
import { rolesActions } from './roles';
import { federationTokenActions } from './federation-token';
import { serviceAccessActions } from './service-access';
import { serviceLastAccessedActions } from './service-last-accessed';
import { serviceLinkedRoleActions } from './service-linked-roles';
import { stsReadActions } from './sts-reads';
import { unsupportedIamActions, unsupportedStsActions } from './unsupported-operations';
import { serverCertificateTagActions } from './server-certificate-tags';
import { serverCertificatesActions } from './server-certificates';
import { serviceSpecificCredentialsActions } from './service-specific-credentials';
import { signingCertificatesActions } from './signing-certificates';
import { sshPublicKeysActions } from './ssh-public-keys';
import { simulationActions } from './simulation';
import { stsActions } from './sts';
import { stsPreferencesActions } from './sts-preferences';
import { stsSessionActions } from './sts-session';
import { userActions } from './users';
import { oidcProviderActions } from './oidc-providers';
import { samlProviderActions } from './saml-providers';
import { unsignedStsActions } from './unsigned-sts';

export type ActionRegistry = ReadonlyMap<string, ActionDef>;

/** One flat table of an API's actions from its families; throws on a name registered twice. */
export function register(api: Api, families: readonly ActionTable[]): ActionRegistry {
  const table = new Map<string, ActionDef>();
  for (const family of families) {
    for (const [name, def] of Object.entries(family)) {
      if (table.has(name)) throw new Error(`${api}:${name} is registered twice`);
      table.set(name, def);
    }
  }
  return table;
}

export const registry: Readonly<Record<Api, ActionRegistry>> = {
  iam: register('iam', [
    userActions,
    groupsActions,
    rolesActions,
    instanceProfilesActions,
    managedPoliciesActions,
    inlinePoliciesActions,
    boundaryActions,
    accessKeysActions,
    accountActions,
    loginProfilesActions,
    passwordPolicyActions,
    mfaDevicesActions,
    mfaDeviceTagActions,
    sshPublicKeysActions,
    signingCertificatesActions,
    serverCertificatesActions,
    serverCertificateTagActions,
    serviceSpecificCredentialsActions,
    stsPreferencesActions,
    accountAliasesActions,
    accountReportsActions,
    simulationActions,
    serviceLinkedRoleActions,
    serviceAccessActions,
    serviceLastAccessedActions,
    oidcProviderActions,
    samlProviderActions,
    unsupportedIamActions,
  ]),
  sts: register('sts', [stsActions, stsSessionActions, federationTokenActions, stsReadActions, unsignedStsActions, unsupportedStsActions]),
};
