// Tags on virtual MFA devices through the SDK: Tags on CreateVirtualMFADevice, TagMFADevice,
// UntagMFADevice and ListMFADeviceTags (AWS's shapes, case-insensitive keys, the 50-tag quota), the
// tags going with a deleted device, and tag conditions (aws:ResourceTag, aws:RequestTag) deciding.
// Threat-named: another account's device looks exactly like a missing one.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  ListMFADeviceTagsCommand,
  PutUserPolicyCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { iam as iamAs, rootClient } from './clients';

describe('MFA device tags', () => {
  it('tags a device at creation and afterwards, lists, untags case-insensitively, and removes the tags with the device', async () => {
    const { iam, account } = await rootClient();
    const { VirtualMFADevice } = await iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Tags: [{ Key: 'owner', Value: 'jane' }] }),
    );
    const serial = VirtualMFADevice!.SerialNumber!;
    expect(serial).toBe(`arn:aws:iam::${account.accountId}:mfa/phone`);
    expect(VirtualMFADevice!.Tags).toEqual([{ Key: 'owner', Value: 'jane' }]);

    await iam.send(
      new TagMFADeviceCommand({
        SerialNumber: serial,
        Tags: [
          { Key: 'Team', Value: 'ops' },
          { Key: 'OWNER', Value: 'john' },
        ],
      }),
    );
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags).toEqual([
      { Key: 'OWNER', Value: 'john' },
      { Key: 'Team', Value: 'ops' },
    ]);
    await iam.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['team'] }));
    const page = await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial, MaxItems: 1 }));
    expect(page).toMatchObject({ Tags: [{ Key: 'OWNER', Value: 'john' }], IsTruncated: false });

    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    expect(await db().select().from(s.tags).where(eq(s.tags.resourceId, serial))).toEqual([]);
    await expect(iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `VirtualMFADevice with serial number ${serial} doesn't exist.`,
    });
  });

  it('enforces AWS’s tag rules: at most 50 keys, no key twice in one request', async () => {
    const { iam } = await rootClient();
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'full', Tags: many }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const serial = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'd', Tags: many.slice(0, 49) })))
      .VirtualMFADevice!.SerialNumber!;
    await expect(
      iam.send(
        new TagMFADeviceCommand({
          SerialNumber: serial,
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'y', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'LimitExceededException', message: 'Cannot exceed quota for TagsPerMFADevice: 50.' });
    await expect(
      iam.send(
        new TagMFADeviceCommand({
          SerialNumber: serial,
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'X', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags).toHaveLength(49);
  });

  it('the device’s tags and the request’s tags decide: a Deny on aws:ResourceTag and on aws:RequestTag holds', async () => {
    const { iam } = await rootClient();
    const serial = (
      await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'guarded', Tags: [{ Key: 'protected', Value: 'true' }] }))
    ).VirtualMFADevice!.SerialNumber!;
    const open = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'open' }))).VirtualMFADevice!.SerialNumber!;
    await iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'admin',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/protected': 'true' } } },
            {
              Effect: 'Deny',
              Action: 'iam:TagMFADevice',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestTag/owner': 'mallory' } },
            },
          ],
        }),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
    const admin = iamAs({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await expect(admin.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('with an explicit deny'),
    });
    await expect(admin.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['protected'] }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      admin.send(new TagMFADeviceCommand({ SerialNumber: open, Tags: [{ Key: 'owner', Value: 'mallory' }] })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'sneaky', Tags: [{ Key: 'owner', Value: 'mallory' }] })),
    ).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('iam:TagMFADevice') });
    await admin.send(new TagMFADeviceCommand({ SerialNumber: open, Tags: [{ Key: 'owner', Value: 'admin' }] }));
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: open }))).Tags).toEqual([{ Key: 'owner', Value: 'admin' }]);
  });

  it('threat: tagging or reading another account’s device by its serial number — it looks exactly like a missing one', async () => {
    const a = await rootClient();
    const b = await rootClient();
    const serial = (
      await a.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Tags: [{ Key: 'k', Value: 'v' }] }))
    ).VirtualMFADevice!.SerialNumber!;
    for (const call of [
      () => b.iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial })),
      () => b.iam.send(new TagMFADeviceCommand({ SerialNumber: serial, Tags: [{ Key: 'evil', Value: '1' }] })),
      () => b.iam.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['k'] })),
    ]) {
      await expect(call()).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    }
    expect((await a.iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
  });
});
