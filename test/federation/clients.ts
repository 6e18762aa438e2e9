// Clients for the federation tests: an STS client with no credentials at all (AssumeRoleWithWebIdentity
// and AssumeRoleWithSAML are unsigned, as the SDK sends them to AWS), the credentials an assumption
// returns as SDK credentials, and a raw unsigned Query call for requests the typed client cannot make.
import { STSClient } from '@aws-sdk/client-sts';
import { exports } from 'cloudflare:workers';
import { ENDPOINT, workerHandler, type Credentials } from '../iam/clients';

/** An STS client that signs nothing: it has no credentials to sign with. */
export const anonymousSts = () =>
  new STSClient({ region: 'us-east-1', endpoint: ENDPOINT, requestHandler: workerHandler(), maxAttempts: 1 });

export const asCredentials = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Credentials => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

/** An unsigned Query API call to STS; the XML answer and its error code. */
export async function unsignedQuery(params: Record<string, string>) {
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  const res = await exports.default.fetch(
    new Request(`${ENDPOINT}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
  );
  const xml = await res.text();
  return { status: res.status, xml, code: /<Code>([^<]+)<\/Code>/.exec(xml)?.[1], message: /<Message>([^<]*)<\/Message>/.exec(xml)?.[1] };
}

export const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
