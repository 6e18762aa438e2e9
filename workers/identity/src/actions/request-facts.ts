// The facts an action's condition keys come from (RequestFacts, in @edge-iam/core/authz), loaded the
// same way by every action: the current tags of the user, role, policy or instance profile acted on,
// and for users and roles their current permissions boundary.
import type { RequestFacts } from '@edge-iam/core/authz';
import { listTags } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';

/** A tag as listTags reads it (a plain object type, so it also serves as the API's Tag shape). */
type Tag = { Key: string; Value: string };

/** A user or role as found (with its boundary's ARN): iam:ResourceTag/*, aws:ResourceTag/*, iam:PermissionsBoundary. */
export async function principalFacts(
  ctx: ActionContext,
  id: string,
  boundaryArn: string | null,
): Promise<{ resourceTags: Tag[]; permissionsBoundary: string | null }> {
  return { resourceTags: await listTags(ctx.db, id), permissionsBoundary: boundaryArn };
}

/** Any tagged resource (policy, instance profile, or a user or role whose boundary no key needs): aws:ResourceTag/*. */
export async function resourceFacts(ctx: ActionContext, id: string, taggable = true): Promise<{ resourceTags: Tag[] }> {
  return { resourceTags: taggable ? await listTags(ctx.db, id) : [] };
}

/** A resource that does not exist yet, or has no tags of its own (the root user). */
export const UNTAGGED: RequestFacts = { resourceTags: [] };
