// Signing certificates and server certificates through the SDK, with certificates and keys made on
// the spot (test/iam/certs.ts): upload checks (PEM, validity, key algorithm, chain order, the private key
// matching), AWS's shapes, quotas (2 signing certificates per user, 20 server certificates per account),
// duplicates, renames and tags, GetAccountSummary's counts and the credential report's cert columns.
// Threat-named tests: the server certificate's private key is never returned and is stored sealed, and
// another account's certificates look exactly like missing ones.
import {
  CreateUserCommand,
  DeleteServerCertificateCommand,
  DeleteSigningCertificateCommand,
  DeleteUserCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  ListSigningCertificatesCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UpdateSigningCertificateCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { readElement, toPem } from '../../packages/core/src/crypto/der';
import { certificate, EC, RSA, type TestCertificate } from './certs';
import { rootClient } from './clients';

const DAY = 24 * 60 * 60 * 1000;

/** The PKCS#8's inner private key (its OCTET STRING, the third element) under a traditional PEM label. */
async function innerKeyPem(c: TestCertificate, label: string): Promise<string> {
  const der = new Uint8Array((await crypto.subtle.exportKey('pkcs8', c.keys.privateKey)) as ArrayBuffer);
  const outer = readElement(der, 0);
  const version = readElement(der, outer.contentStart);
  const algorithm = readElement(der, version.end);
  const key = readElement(der, algorithm.end);
  return toPem(label, der.subarray(key.contentStart, key.end));
}

describe('signing certificates', () => {
  it('uploads, lists, deactivates and deletes a user’s certificate, Active at first, with a 32-character id', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'signer' }));
    const cert = await certificate('signer');
    const { Certificate } = await iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: cert.pem }));
    expect(Certificate).toMatchObject({
      UserName: 'signer',
      Status: 'Active',
      CertificateBody: cert.pem.trim(),
      UploadDate: expect.any(Date),
    });
    expect(Certificate!.CertificateId).toMatch(/^[A-Z2-7]{32}$/);
    const id = Certificate!.CertificateId!;

    await iam.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: id, Status: 'Inactive' }));
    const listed = await iam.send(new ListSigningCertificatesCommand({ UserName: 'signer' }));
    expect(listed.Certificates).toEqual([
      { UserName: 'signer', CertificateId: id, CertificateBody: cert.pem.trim(), Status: 'Inactive', UploadDate: expect.any(Date) },
    ]);
    await iam.send(new GenerateCredentialReportCommand({}));
    const report = new TextDecoder().decode((await iam.send(new GetCredentialReportCommand({}))).Content);
    const [header, ...rows] = report.split('\n');
    const cols = header!.split(',');
    const signer = rows.find((r) => r.startsWith('signer,'))!.split(',');
    expect(signer[cols.indexOf('cert_1_active')]).toBe('false');
    expect(signer[cols.indexOf('cert_1_last_rotated')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(signer[cols.indexOf('cert_2_active')]).toBe('false');
    expect(signer[cols.indexOf('cert_2_last_rotated')]).toBe('N/A');

    await expect(iam.send(new DeleteUserCommand({ UserName: 'signer' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete signing certificates first.',
    });
    await iam.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: id }));
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'signer' }))).Certificates).toEqual([]);
    await expect(iam.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: id }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Certificate with id ${id} cannot be found.`,
    });
  });

  it('without UserName acts for the root user, whose certificates GetAccountSummary reports', async () => {
    const { iam, account } = await rootClient();
    const before = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(before.AccountSigningCertificatesPresent).toBe(0);
    expect(before.SigningCertificatesPerUserQuota).toBe(2);
    const { Certificate } = await iam.send(new UploadSigningCertificateCommand({ CertificateBody: (await certificate('root')).pem }));
    expect(Certificate!.UserName).toBe(account.accountId);
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountSigningCertificatesPresent).toBe(1);
    expect((await iam.send(new ListSigningCertificatesCommand({}))).Certificates!.map((c) => c.CertificateId)).toEqual([
      Certificate!.CertificateId,
    ]);
  });

  it('allows 2 per user, and one certificate only once in an account (DuplicateCertificate)', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'a' }));
    await iam.send(new CreateUserCommand({ UserName: 'b' }));
    const first = await certificate('one');
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'a', CertificateBody: first.pem }));
    await expect(iam.send(new UploadSigningCertificateCommand({ UserName: 'b', CertificateBody: first.pem }))).rejects.toMatchObject({
      name: 'DuplicateCertificateException',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'a', CertificateBody: (await certificate('two', { alg: EC })).pem }));
    await expect(
      iam.send(new UploadSigningCertificateCommand({ UserName: 'a', CertificateBody: (await certificate('three')).pem })),
    ).rejects.toMatchObject({ name: 'LimitExceededException', message: 'Cannot exceed quota for SigningCertificatesPerUser: 2' });
  });

  it('refuses text that is no certificate, expired or not yet valid certificates, and weak keys', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'a' }));
    const upload = (body: string) => iam.send(new UploadSigningCertificateCommand({ UserName: 'a', CertificateBody: body }));
    await expect(upload('not a certificate')).rejects.toMatchObject({
      name: 'MalformedCertificateException',
      message: 'Unable to parse certificate. Please ensure the certificate is in PEM format.',
    });
    await expect(upload('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).rejects.toMatchObject({
      name: 'MalformedCertificateException',
    });
    const expired = await certificate('old', { from: new Date(Date.now() - 30 * DAY), days: 10 });
    await expect(upload(expired.pem)).rejects.toMatchObject({
      name: 'MalformedCertificateException',
      message: 'The certificate is expired.',
    });
    const future = await certificate('future', { from: new Date(Date.now() + 10 * DAY) });
    await expect(upload(future.pem)).rejects.toMatchObject({ name: 'MalformedCertificateException' });
    const weak = await certificate('weak', { alg: RSA(512) });
    await expect(upload(weak.pem)).rejects.toMatchObject({ name: 'InvalidCertificateException' });
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'a' }))).Certificates).toEqual([]);
  });
});

describe('server certificates', () => {
  it('uploads with a chain and tags, with AWS’s ARN, id and expiration; gets, lists by path, renames and deletes', async () => {
    const { iam, account } = await rootClient();
    const ca = await certificate('Test CA', { ca: true, days: 3650 });
    const leaf = await certificate('www.example.com', { issuer: ca, days: 90 });
    const { ServerCertificateMetadata, Tags } = await iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'www',
        Path: '/cloudfront/test/',
        CertificateBody: leaf.pem,
        PrivateKey: leaf.keyPem,
        CertificateChain: ca.pem,
        Tags: [{ Key: 'env', Value: 'prod' }],
      }),
    );
    expect(ServerCertificateMetadata).toMatchObject({
      Path: '/cloudfront/test/',
      ServerCertificateName: 'www',
      Arn: `arn:aws:iam::${account.accountId}:server-certificate/cloudfront/test/www`,
      UploadDate: expect.any(Date),
      Expiration: leaf.cert.notAfter,
    });
    expect(ServerCertificateMetadata!.ServerCertificateId).toMatch(/^ASCA[A-Z2-7]{17}$/);
    expect(Tags).toEqual([{ Key: 'env', Value: 'prod' }]);

    const got = (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'WWW' }))).ServerCertificate!;
    expect(got.CertificateBody).toBe(leaf.pem.trim());
    expect(got.CertificateChain).toBe(ca.pem.trim());
    expect(got.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(got.ServerCertificateMetadata).toEqual(ServerCertificateMetadata);

    expect((await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }))).ServerCertificateMetadataList).toHaveLength(
      1,
    );
    expect((await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/elb/' }))).ServerCertificateMetadataList).toEqual([]);
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      ServerCertificates: 1,
      ServerCertificatesQuota: 20,
    });

    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'www', NewServerCertificateName: 'web', NewPath: '/elb/' }));
    await expect(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'www' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The Server Certificate with name www cannot be found.',
    });
    const renamed = (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }))).ServerCertificate!;
    expect(renamed.ServerCertificateMetadata!.Arn).toBe(`arn:aws:iam::${account.accountId}:server-certificate/elb/web`);
    expect(renamed.ServerCertificateMetadata!.ServerCertificateId).toBe(ServerCertificateMetadata!.ServerCertificateId);

    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'web' }));
    expect((await iam.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList).toEqual([]);
    const orphanTags = await db().select().from(s.tags).where(eq(s.tags.resourceId, ServerCertificateMetadata!.ServerCertificateId!));
    expect(orphanTags).toEqual([]);
  });

  it('takes EC keys and PKCS#1 RSA keys, and refuses a key that is not the certificate’s (KeyPairMismatch)', async () => {
    const { iam } = await rootClient();
    const ec = await certificate('ec.example', { alg: EC });
    await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'ec', CertificateBody: ec.pem, PrivateKey: ec.keyPem }));
    const rsa = await certificate('rsa.example');
    const other = await certificate('other.example');
    // The traditional OpenSSL forms (PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`) are the key inside the PKCS#8.
    await iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'pkcs1',
        CertificateBody: rsa.pem,
        PrivateKey: await innerKeyPem(rsa, 'RSA PRIVATE KEY'),
      }),
    );
    await iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'sec1',
        CertificateBody: ec.pem,
        PrivateKey: await innerKeyPem(ec, 'EC PRIVATE KEY'),
      }),
    );
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'rsa', CertificateBody: rsa.pem, PrivateKey: other.keyPem })),
    ).rejects.toMatchObject({
      name: 'KeyPairMismatchException',
      message: 'The private key did not match the public key provided. Please verify the key material and try again.',
    });
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'rsa', CertificateBody: rsa.pem, PrivateKey: ec.keyPem })),
    ).rejects.toMatchObject({ name: 'KeyPairMismatchException' });
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'rsa', CertificateBody: rsa.pem, PrivateKey: 'garbage' })),
    ).rejects.toMatchObject({ name: 'MalformedCertificateException' });
    // A chain that does not issue the certificate is refused, with the index AWS names.
    await expect(
      iam.send(
        new UploadServerCertificateCommand({
          ServerCertificateName: 'rsa',
          CertificateBody: rsa.pem,
          PrivateKey: rsa.keyPem,
          CertificateChain: other.pem,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'MalformedCertificateException',
      message: expect.stringContaining('The index within the chain of the invalid certificate is: 0'),
    });
    expect(
      (await iam.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList!.map((c) => c.ServerCertificateName),
    ).toEqual(['ec', 'pkcs1', 'sec1']);
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'EC', CertificateBody: rsa.pem, PrivateKey: rsa.keyPem })),
    ).rejects.toMatchObject({ name: 'EntityAlreadyExistsException', message: 'The Server Certificate with name EC already exists.' });
  });

  it('threat: reading the private key back — GetServerCertificate never returns it, and it is stored only sealed', async () => {
    const { iam } = await rootClient();
    const cert = await certificate('secret.example');
    await iam.send(
      new UploadServerCertificateCommand({ ServerCertificateName: 'secret', CertificateBody: cert.pem, PrivateKey: cert.keyPem }),
    );
    const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'secret' }));
    const keyBody = cert.keyPem.split('\n')[1]!;
    expect(JSON.stringify(got)).not.toContain(keyBody);
    expect(JSON.stringify(await iam.send(new ListServerCertificatesCommand({})))).not.toContain(keyBody);
    const [row] = await db().select().from(s.serverCertificates).where(eq(s.serverCertificates.name, 'secret'));
    expect(row!.privateKeyCiphertext).not.toContain(keyBody);
    expect(row!.privateKeyCiphertext).toMatch(/^v1\./);
  });

  it('tags: Tag, Untag and ListServerCertificateTags, with the 50-tag quota', async () => {
    const { iam } = await rootClient();
    const cert = await certificate('tags.example');
    await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 't', CertificateBody: cert.pem, PrivateKey: cert.keyPem }));
    await iam.send(
      new TagServerCertificateCommand({
        ServerCertificateName: 't',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 't', TagKeys: ['A'] }));
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 't' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(iam.send(new TagServerCertificateCommand({ ServerCertificateName: 't', Tags: many }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for TagsPerServerCertificate: 50.',
    });
  });

  it('allows 20 per account (ServerCertificatesPerAccount) and pages the list by name', async () => {
    const { iam } = await rootClient();
    const cert = await certificate('many.example');
    for (let i = 0; i < 20; i++) {
      await iam.send(
        new UploadServerCertificateCommand({
          ServerCertificateName: `c${String(i).padStart(2, '0')}`,
          CertificateBody: cert.pem,
          PrivateKey: cert.keyPem,
        }),
      );
    }
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'c20', CertificateBody: cert.pem, PrivateKey: cert.keyPem })),
    ).rejects.toMatchObject({ name: 'LimitExceededException', message: 'Cannot exceed quota for ServerCertificatesPerAccount: 20' });
    const first = await iam.send(new ListServerCertificatesCommand({ MaxItems: 15 }));
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(new ListServerCertificatesCommand({ Marker: first.Marker }));
    expect([...first.ServerCertificateMetadataList!, ...rest.ServerCertificateMetadataList!].map((c) => c.ServerCertificateName)).toEqual(
      Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`),
    );
  });

  it('threat: reaching another account’s certificates by name or id — they look exactly like missing ones', async () => {
    const a = await rootClient();
    const b = await rootClient();
    const cert = await certificate('a.example');
    await a.iam.send(
      new UploadServerCertificateCommand({ ServerCertificateName: 'mine', CertificateBody: cert.pem, PrivateKey: cert.keyPem }),
    );
    await expect(b.iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'mine' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await expect(b.iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'mine' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    expect((await b.iam.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList).toEqual([]);
    const { Certificate } = await a.iam.send(new UploadSigningCertificateCommand({ CertificateBody: (await certificate('sig')).pem }));
    await expect(
      b.iam.send(new UpdateSigningCertificateCommand({ CertificateId: Certificate!.CertificateId!, Status: 'Inactive' })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect((await a.iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'mine' }))).ServerCertificate).toBeDefined();
  });
});
