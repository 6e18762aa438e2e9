// Tags of virtual MFA devices live in the shared tags table under the device's serial number. Deleting
// a device is guarded (only while unassigned), so its tags go only once the device row is gone: a
// device enabled between the read and the delete keeps both.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tags } from '../db/schema';

/** For the same batch as the device's guarded delete, after it. */
export const deleteMfaDeviceTagsStatement = (db: Db, serialNumber: string) =>
  db
    .delete(tags)
    .where(and(eq(tags.resourceId, serialNumber), sql`NOT EXISTS (SELECT 1 FROM mfa_devices WHERE serial_number = ${serialNumber})`));
