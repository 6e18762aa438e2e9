// The SAML library's happy paths, as an identity provider really sends them: metadata parsed into entity id
// and signing certificates, and responses verified whether the IdP signs the Assertion, the Response or
// both, with RSA or ECDSA keys, with the values AssumeRoleWithSAML needs read back exactly.
import { describe, expect, it } from 'vitest';
import { parseSamlMetadata, verifySamlResponse, type VerifiedSamlAssertion } from '../../packages/core/src/federation/saml';
import {
  AWS_SAML_ENDPOINT,
  createTestIdp,
  principalTagAttribute,
  ROLE_ATTRIBUTE,
  ROLE_SESSION_NAME_ATTRIBUTE,
  SESSION_DURATION_ATTRIBUTE,
  type TestIdp,
} from './saml-fixtures';

const MINUTE = 60_000;
const ROLE = 'arn:aws:iam::123456789012:role/Federated';
const PROVIDER = 'arn:aws:iam::123456789012:saml-provider/Example';

const opts = (idp: TestIdp, now = new Date()) => ({
  certificates: [idp.certificate],
  now,
  audience: AWS_SAML_ENDPOINT,
  recipient: AWS_SAML_ENDPOINT,
});

async function verified(idp: TestIdp, saml: string, now = new Date()): Promise<VerifiedSamlAssertion> {
  const result = await verifySamlResponse(saml, opts(idp, now));
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.value;
}

describe('parseSamlMetadata', () => {
  it('reads the entity id and the signing certificate of an IdP', async () => {
    const idp = await createTestIdp();
    const result = parseSamlMetadata(idp.metadata(), new Date());
    expect(result).toEqual({ ok: true, value: { entityId: idp.entityId, certificates: [idp.certificate], validUntil: null } });
  });

  it('reads validUntil, every signing certificate once, and certificates whose KeyDescriptor has no use', async () => {
    const idp = await createTestIdp();
    const other = await createTestIdp({ keyType: 'ec' });
    const validUntil = new Date(Date.now() + 30 * 24 * 60 * MINUTE);
    validUntil.setMilliseconds(0);
    const xml = idp.metadata({ validUntil, use: null, extraCertificates: [other.certificate, idp.certificate] });
    const result = parseSamlMetadata(xml, new Date());
    expect(result).toEqual({ ok: true, value: { entityId: idp.entityId, certificates: [idp.certificate, other.certificate], validUntil } });
  });

  it('reads the metadata of an ECDSA (P-256) IdP', async () => {
    const idp = await createTestIdp({ keyType: 'ec' });
    const xml = idp.metadata();
    expect(xml.length).toBeGreaterThanOrEqual(1000);
    expect(parseSamlMetadata(xml, new Date())).toEqual({
      ok: true,
      value: { entityId: idp.entityId, certificates: [idp.certificate], validUntil: null },
    });
  });

  it('skips encryption-only keys', async () => {
    const idp = await createTestIdp();
    const signer = await createTestIdp();
    const result = parseSamlMetadata(idp.metadata({ use: 'encryption', extraCertificates: [signer.certificate] }), new Date());
    expect(result.ok && result.value.certificates).toEqual([signer.certificate]);
  });

  it('takes a certificate whose validity period has ended, as AWS does for SAML signing certificates', async () => {
    const idp = await createTestIdp();
    // ten years on, the test IdP's certificate (valid 3650 days) has expired: metadata and responses still work
    const later = new Date(Date.now() + 11 * 365 * 24 * 60 * MINUTE);
    expect(parseSamlMetadata(idp.metadata(), later).ok).toBe(true);
    const saml = await idp.response({ now: later });
    expect((await verified(idp, saml, later)).issuer).toBe(idp.entityId);
  });
});

describe('verifySamlResponse', () => {
  it('verifies an assertion signed by the IdP and returns what AssumeRoleWithSAML needs', async () => {
    const idp = await createTestIdp();
    const now = new Date();
    const saml = await idp.response({
      now,
      roles: [{ roleArn: ROLE, providerArn: PROVIDER }],
      roleSessionName: 'alice@example.com',
      sessionDuration: 1800,
      principalTags: { Project: 'blue', CostCenter: '12345' },
      nameId: 'alice-persistent-id',
    });
    const value = await verified(idp, saml, now);
    expect(value).toMatchObject({
      issuer: idp.entityId,
      nameId: 'alice-persistent-id',
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      audiences: [AWS_SAML_ENDPOINT],
      recipient: AWS_SAML_ENDPOINT,
      notBefore: new Date(now.getTime() - MINUTE),
      notOnOrAfter: new Date(now.getTime() + 5 * MINUTE),
      authnInstant: now,
    });
    expect(value.assertionId).toMatch(/^_[0-9a-f]{32}$/);
    expect(value.attributes).toEqual({
      [ROLE_ATTRIBUTE]: [`${ROLE},${PROVIDER}`],
      [ROLE_SESSION_NAME_ATTRIBUTE]: ['alice@example.com'],
      [SESSION_DURATION_ATTRIBUTE]: ['1800'],
      [principalTagAttribute('Project')]: ['blue'],
      [principalTagAttribute('CostCenter')]: ['12345'],
    });
  });

  it('verifies a response whose Response element is signed (the assertion inside is not)', async () => {
    const idp = await createTestIdp();
    const value = await verified(idp, await idp.response({ sign: 'response', roleSessionName: 'bob' }));
    expect(value.attributes[ROLE_SESSION_NAME_ATTRIBUTE]).toEqual(['bob']);
  });

  it('verifies a response signed twice, Assertion and then Response', async () => {
    const idp = await createTestIdp();
    const value = await verified(idp, await idp.response({ sign: 'both', nameId: 'carol' }));
    expect(value.nameId).toBe('carol');
  });

  it('verifies ECDSA P-256 signatures', async () => {
    const idp = await createTestIdp({ keyType: 'ec' });
    for (const sign of ['assertion', 'response', 'both'] as const) {
      expect((await verified(idp, await idp.response({ sign, nameId: `ec-${sign}` }))).nameId).toBe(`ec-${sign}`);
    }
  });

  it('verifies RSA-SHA1 signatures, which older IdPs (AD FS defaults) still send', async () => {
    const idp = await createTestIdp();
    expect((await verified(idp, await idp.response({ hash: 'SHA-1', nameId: 'legacy' }))).nameId).toBe('legacy');
  });

  it('finds the signing key among several certificates (certificate rotation)', async () => {
    const old = await createTestIdp();
    const idp = await createTestIdp();
    const result = await verifySamlResponse(await idp.response(), { ...opts(idp), certificates: [old.certificate, idp.certificate] });
    expect(result.ok).toBe(true);
  });

  it('verifies without a KeyInfo in the signature (the key comes from the metadata, never the message)', async () => {
    const idp = await createTestIdp();
    expect((await verified(idp, await idp.response({ keyInfo: false }))).issuer).toBe(idp.entityId);
  });

  it('accepts any of several audiences and recipients, and the time window with the default 5 minutes of skew', async () => {
    const idp = await createTestIdp();
    const now = new Date();
    const ours = 'http://localhost:8787/saml';
    const saml = await idp.response({ now, audience: ours, recipient: ours, notBefore: new Date(now.getTime() + 4 * MINUTE) });
    const result = await verifySamlResponse(saml, {
      ...opts(idp, now),
      audience: [AWS_SAML_ENDPOINT, ours],
      recipient: [AWS_SAML_ENDPOINT, ours],
    });
    expect(result.ok && result.value.audiences).toEqual([ours]);
  });

  it('collects multi-valued and repeated attributes by Name, and reads values whitespace-trimmed', async () => {
    const idp = await createTestIdp();
    const saml = await idp.response({
      roles: [
        { roleArn: ROLE, providerArn: PROVIDER },
        { roleArn: `${ROLE}2`, providerArn: PROVIDER },
      ],
      attributes: {
        'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': ['member', 'staff'],
        [ROLE_ATTRIBUTE]: [`${ROLE}3,${PROVIDER}`],
        'urn:example:padded': ['\n    padded value\t  '],
      },
    });
    const value = await verified(idp, saml);
    expect(value.attributes['urn:example:padded']).toEqual(['padded value']);
    expect(value.attributes[ROLE_ATTRIBUTE]).toEqual([`${ROLE},${PROVIDER}`, `${ROLE}2,${PROVIDER}`, `${ROLE}3,${PROVIDER}`]);
    expect(value.attributes['urn:oid:1.3.6.1.4.1.5923.1.1.1.1']).toEqual(['member', 'staff']);
  });
});
