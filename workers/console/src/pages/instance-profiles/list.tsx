// GET /console/instance-profiles: the account's instance profiles (ListInstanceProfiles), a page at a
// time with the API's Marker, each with the role it holds (a profile holds one at most) and when it
// was created. ListInstanceProfiles returns the roles, so the page costs one call.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { encode, noticeOf, page } from '../../render';
import { ButtonLink, DataTable, Notice, PageHeader, Pager, Time } from '../../ui/components';
import { LIST, profilePath, rolePath, type InstanceProfile } from './shared';

export const profileListPages = new Hono<ConsoleEnv>();

const PAGE_SIZE = 50;

profileListPages.get('/', async (c) => {
  const marker = c.req.query('marker') || undefined;
  const out = await c.var.iam.call<{ InstanceProfiles?: InstanceProfile[]; IsTruncated?: boolean; Marker?: string }>(
    'ListInstanceProfiles',
    { MaxItems: PAGE_SIZE, Marker: marker },
  );
  const profiles = out.InstanceProfiles ?? [];
  const next = out.IsTruncated && out.Marker ? `${LIST}?marker=${encode(out.Marker)}` : null;
  return page(
    c,
    { title: 'Instance profiles', section: 'instance-profiles' },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Instance profiles"
        lead="An instance profile passes a role to an EC2 instance: programs on the instance get the role's temporary credentials. A profile holds at most one role."
        actions={<ButtonLink href={`${LIST}/new`} label="Create instance profile" />}
      />
      <DataTable
        caption="Instance profiles"
        head={['Instance profile name', 'Role', 'Path', 'Created']}
        empty="There are no instance profiles yet."
        rows={profiles.map((p) => {
          const role = p.Roles?.[0];
          return [
            <a href={profilePath(p.InstanceProfileName)}>{p.InstanceProfileName}</a>,
            role ? <a href={rolePath(role.RoleName)}>{role.RoleName}</a> : <span class="muted">No role</span>,
            <span class="mono">{p.Path}</span>,
            <Time value={p.CreateDate} />,
          ];
        })}
      />
      <Pager next={next} first={marker ? LIST : null} />
    </>,
  );
});
