// Service-specific credentials through the SDK: AWS's shapes for password services (CodeCommit,
// Keyspaces: ServiceUserName `<user>-at-<account>`, ServicePassword) and API-key services (Bedrock:
// ServiceCredentialAlias / ServiceCredentialSecret, CredentialAgeDays), the 2-per-user-per-service quota,
// unsupported services, status, reset, delete and DeleteUser's conflict. Threat-named tests: the secret
// is shown once and cannot be read back, and another account's credential ids are not found.
// Also SetSecurityTokenServicePreferences, reflected in GetAccountSummary.
import {
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteUserCommand,
  GetAccountSummaryCommand,
  ListServiceSpecificCredentialsCommand,
  ResetServiceSpecificCredentialCommand,
  SetSecurityTokenServicePreferencesCommand,
  UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { rootClient } from './clients';

const DAY = 24 * 60 * 60 * 1000;

describe('service-specific credentials', () => {
  it('creates a CodeCommit credential with AWS’s user name and a password shown once', async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'jane' }));
    const { ServiceSpecificCredential: c } = await iam.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'jane', ServiceName: 'codecommit.amazonaws.com' }),
    );
    expect(c).toMatchObject({
      UserName: 'jane',
      ServiceName: 'codecommit.amazonaws.com',
      ServiceUserName: `jane-at-${account.accountId}`,
      Status: 'Active',
      CreateDate: expect.any(Date),
    });
    expect(c!.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{17}$/);
    expect(c!.ServicePassword).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(c!.ServiceCredentialSecret).toBeUndefined();

    const listed = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane' }));
    expect(listed.ServiceSpecificCredentials).toEqual([
      {
        UserName: 'jane',
        Status: 'Active',
        ServiceUserName: `jane-at-${account.accountId}`,
        CreateDate: expect.any(Date),
        ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId,
        ServiceName: 'codecommit.amazonaws.com',
      },
    ]);

    await iam.send(
      new UpdateServiceSpecificCredentialCommand({
        UserName: 'jane',
        ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId!,
        Status: 'Inactive',
      }),
    );
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane' }))).ServiceSpecificCredentials![0]!.Status).toBe(
      'Inactive',
    );
    await expect(iam.send(new DeleteUserCommand({ UserName: 'jane' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete service specific credentials first.',
    });
    await iam.send(
      new DeleteServiceSpecificCredentialCommand({ UserName: 'jane', ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId! }),
    );
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane' }))).ServiceSpecificCredentials).toEqual([]);
    await expect(
      iam.send(
        new ResetServiceSpecificCredentialCommand({ UserName: 'jane', ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId! }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await iam.send(new DeleteUserCommand({ UserName: 'jane' }));
  });

  it('threat: reading the secret back — only Create and Reset show it, the store keeps only a hash, and Reset replaces it', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'jane' }));
    const { ServiceSpecificCredential: c } = await iam.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'jane', ServiceName: 'cassandra.amazonaws.com' }),
    );
    const id = c!.ServiceSpecificCredentialId!;
    const listed = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane', ServiceName: 'cassandra.amazonaws.com' }));
    expect(JSON.stringify(listed)).not.toContain(c!.ServicePassword);
    expect(listed.ServiceSpecificCredentials![0]).not.toHaveProperty('ServicePassword');
    const [row] = await db().select().from(s.serviceSpecificCredentials).where(eq(s.serviceSpecificCredentials.id, id));
    expect(JSON.stringify(row)).not.toContain(c!.ServicePassword);
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const reset = (await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'jane', ServiceSpecificCredentialId: id })))
      .ServiceSpecificCredential!;
    expect(reset).toMatchObject({ ServiceSpecificCredentialId: id, ServiceUserName: c!.ServiceUserName, Status: 'Active' });
    expect(reset.ServicePassword).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(reset.ServicePassword).not.toBe(c!.ServicePassword);
    const [after] = await db().select().from(s.serviceSpecificCredentials).where(eq(s.serviceSpecificCredentials.id, id));
    expect(after!.secretHash).not.toBe(row!.secretHash);
  });

  it('makes Bedrock API keys with an alias, a secret and CredentialAgeDays; refuses CredentialAgeDays for password services', async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'bot' }));
    const before = Date.now();
    const { ServiceSpecificCredential: c } = await iam.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'bot', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 30 }),
    );
    expect(c).toMatchObject({
      ServiceName: 'bedrock.amazonaws.com',
      ServiceCredentialAlias: `bot-at-${account.accountId}`,
      Status: 'Active',
    });
    expect(c!.ServiceCredentialSecret).toMatch(/^ABSK[A-Za-z0-9+/=]+$/);
    expect(c!.ServicePassword).toBeUndefined();
    expect(c!.ExpirationDate!.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY - 2000);
    const listed = (await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'bot' }))).ServiceSpecificCredentials!;
    expect(listed[0]).toMatchObject({ ServiceCredentialAlias: `bot-at-${account.accountId}`, ExpirationDate: c!.ExpirationDate });
    expect(JSON.stringify(listed)).not.toContain(c!.ServiceCredentialSecret);

    await expect(
      iam.send(
        new CreateServiceSpecificCredentialCommand({ UserName: 'bot', ServiceName: 'codecommit.amazonaws.com', CredentialAgeDays: 30 }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(
      iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'bot', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 0 })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('allows 2 per user per service, refuses unsupported services, and lists all users’ credentials with AllUsers', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'a' }));
    await iam.send(new CreateUserCommand({ UserName: 'b' }));
    const create = (UserName: string, ServiceName: string) =>
      iam.send(new CreateServiceSpecificCredentialCommand({ UserName, ServiceName }));
    await create('a', 'codecommit.amazonaws.com');
    await create('a', 'codecommit.amazonaws.com');
    await expect(create('a', 'codecommit.amazonaws.com')).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2',
    });
    await create('a', 'cassandra.amazonaws.com');
    await create('b', 'codecommit.amazonaws.com');
    await expect(create('a', 's3.amazonaws.com')).rejects.toMatchObject({
      name: 'ServiceNotSupportedException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      iam.send(new ListServiceSpecificCredentialsCommand({ ServiceName: 's3.amazonaws.com', UserName: 'a' })),
    ).rejects.toMatchObject({
      name: 'ServiceNotSupportedException',
    });
    const all = await iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, ServiceName: 'codecommit.amazonaws.com' }));
    expect(all.ServiceSpecificCredentials!.map((c) => c.UserName).sort()).toEqual(['a', 'a', 'b']);
    await expect(iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, UserName: 'a' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
    const page1 = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'a', MaxItems: 2 }));
    expect(page1.IsTruncated).toBe(true);
    const page2 = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'a', Marker: page1.Marker }));
    expect([...page1.ServiceSpecificCredentials!, ...page2.ServiceSpecificCredentials!]).toHaveLength(3);
  });

  it('threat: resetting or deleting another account’s credential by its id — it looks exactly like a missing one', async () => {
    const a = await rootClient();
    const b = await rootClient();
    await a.iam.send(new CreateUserCommand({ UserName: 'jane' }));
    await b.iam.send(new CreateUserCommand({ UserName: 'jane' }));
    const { ServiceSpecificCredential: c } = await a.iam.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'jane', ServiceName: 'codecommit.amazonaws.com' }),
    );
    const id = c!.ServiceSpecificCredentialId!;
    for (const call of [
      () => b.iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'jane', ServiceSpecificCredentialId: id })),
      () =>
        b.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'jane', ServiceSpecificCredentialId: id, Status: 'Inactive' })),
      () => b.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'jane', ServiceSpecificCredentialId: id })),
    ]) {
      await expect(call()).rejects.toMatchObject({ name: 'NoSuchEntityException', message: `No such credential ${id} exists` });
    }
    expect((await b.iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true }))).ServiceSpecificCredentials).toEqual([]);
    expect((await a.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane' }))).ServiceSpecificCredentials![0]!.Status).toBe(
      'Active',
    );
  });
});

describe('SetSecurityTokenServicePreferences', () => {
  it('stores the global endpoint token version, shown by GetAccountSummary as 1 or 2', async () => {
    const { iam } = await rootClient();
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion).toBe(1);
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion).toBe(2);
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion).toBe(1);
    await expect(
      iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as 'v1Token' })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
