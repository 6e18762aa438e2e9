// Authentication context classes (OIDC Core §2 `acr`, §3.1.2.1 `acr_values`): what an app may ask
// the sign-in to have checked, and what the ID token says was checked. One place, so the
// authorization endpoint, the ID token and discovery cannot drift apart.
export const ACR = { pwd: 'urn:edge-iam:acr:pwd', mfa: 'urn:edge-iam:acr:mfa' } as const;
/** The PAPE policy an app may ask for instead of ours; it means the same as ACR.mfa. */
export const PAPE_MFA = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
/** acr_values that ask for a second factor. */
export const MFA_ACRS: readonly string[] = [ACR.mfa, PAPE_MFA];

export const acrFor = (amr: readonly string[]) => (amr.includes('mfa') ? ACR.mfa : ACR.pwd);
