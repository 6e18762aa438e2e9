// Tags on virtual MFA devices: TagMFADevice, UntagMFADevice, ListMFADeviceTags, and the quota check
// CreateVirtualMFADevice shares. A device is named by its serial number (its ARN), which is also the
// key its tags are stored under; another account's serial number looks exactly like a missing one.
import { z } from 'zod';
import type { XmlStruct } from '@edge-iam/core/aws';
import { assertTagsFit, putTagsStatements, removeTagsStatements, type MfaDevice, type Tag } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { list, marker, maxItems, name128, tagKeyList, tagList } from '../params';
import { findDevice, noSuchVirtualDevice, serialNumber } from './mfa-lookup';
import { resourceFacts } from './request-facts';

export const checkMfaDeviceTags = (existing: readonly Tag[], add: readonly Tag[]) => assertTagsFit(existing, add, 'MFADevice');

/** The device and its current tags; NoSuchEntity only for a caller who may act on that serial number. */
async function requireTaggedDevice(ctx: ActionContext, serial: string): Promise<{ device: MfaDevice; resourceTags: Tag[] }> {
  const device = await findDevice(ctx, serial);
  if (!device) return ctx.missing(serial, noSuchVirtualDevice(serial));
  return { device, ...(await resourceFacts(ctx, device.serialNumber)) };
}

export const mfaDeviceTagActions: ActionTable = {
  TagMFADevice: action(z.object({ SerialNumber: serialNumber, Tags: tagList }), async (ctx, p) => {
    const { device, resourceTags } = await requireTaggedDevice(ctx, p.SerialNumber);
    await ctx.authorize(device.serialNumber, { facts: { resourceTags, requestTags: p.Tags } });
    checkMfaDeviceTags(resourceTags, p.Tags);
    await ctx.commit(putTagsStatements(ctx.db, device.serialNumber, p.Tags), device.serialNumber);
    return undefined;
  }),

  UntagMFADevice: action(z.object({ SerialNumber: serialNumber, TagKeys: tagKeyList }), async (ctx, p) => {
    const { device, resourceTags } = await requireTaggedDevice(ctx, p.SerialNumber);
    await ctx.authorize(device.serialNumber, { facts: { resourceTags, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, device.serialNumber, p.TagKeys), device.serialNumber);
    return undefined;
  }),

  ListMFADeviceTags: action(
    z.object({ SerialNumber: serialNumber, Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const { device, resourceTags } = await requireTaggedDevice(ctx, p.SerialNumber);
      await ctx.authorize(device.serialNumber, { facts: { resourceTags } });
      const after = decodeMarker(p.Marker);
      const rest = after === undefined ? resourceTags : resourceTags.filter((t) => t.Key.toLowerCase() > after);
      const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
      return { Tags: pg.items.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),
};
