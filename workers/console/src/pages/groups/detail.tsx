// GET /console/groups/:name: one user group — its summary, its users (GetGroup), its attached managed
// policies (ListAttachedGroupPolicies) and its inline policies (ListGroupPolicies, GetGroupPolicy),
// each with the one-button changes (remove, detach, delete) and links to the pages that add more.
// The one-button forms that fail come back here with the API's message (renderGroup's `problem`).
import { Hono } from 'hono';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, encode, noticeOf, page, statusFor } from '../../render';
import { ButtonLink, Copyable, DataTable, ErrorSummary, Notice, PageHeader, Section, SummaryList, Time } from '../../ui/components';
import { groupPath, isAwsManaged, prettyPolicy, RowButton, type AttachedPolicy, type Group, type IamUser } from './shared';

export const groupDetailPages = new Hono<ConsoleEnv>();

interface GroupView {
  group: Group;
  users: IamUser[];
  moreUsers: boolean;
  attached: AttachedPolicy[];
  inline: { name: string; document: string }[];
}

/** Everything the page shows; a missing group (or another account's) is NoSuchEntity from the first call. */
async function loadGroup(c: ConsoleContext, name: string): Promise<GroupView> {
  const iam = c.var.iam;
  const got = await iam.call<{ Group: Group; Users?: IamUser[]; IsTruncated?: boolean }>('GetGroup', { GroupName: name, MaxItems: 1000 });
  const [attached, names] = await Promise.all([
    iam.call<{ AttachedPolicies?: AttachedPolicy[] }>('ListAttachedGroupPolicies', { GroupName: name, MaxItems: 1000 }),
    iam.call<{ PolicyNames?: string[] }>('ListGroupPolicies', { GroupName: name, MaxItems: 1000 }),
  ]);
  const inline = await Promise.all(
    (names.PolicyNames ?? []).map(async (policy) => {
      const doc = await iam.call<{ PolicyDocument: string }>('GetGroupPolicy', { GroupName: name, PolicyName: policy });
      return { name: policy, document: prettyPolicy(doc.PolicyDocument) };
    }),
  );
  return {
    group: got.Group,
    users: got.Users ?? [],
    moreUsers: got.IsTruncated === true,
    attached: attached.AttachedPolicies ?? [],
    inline,
  };
}

export async function renderGroup(c: ConsoleContext, name: string, problem?: IamError) {
  const v = await loadGroup(c, name);
  const g = v.group;
  const base = groupPath(g.GroupName);
  const csrf = c.var.csrfToken;
  return page(
    c,
    {
      title: `User group ${g.GroupName}`,
      section: 'groups',
      crumbs: [['User groups', '/console/groups']],
      status: problem ? statusFor(problem) : undefined,
    },
    <>
      <ErrorSummary message={problem?.message} />
      <Notice message={noticeOf(c)} />
      <PageHeader title={g.GroupName} lead="User group" actions={<ButtonLink href={`${base}/delete`} label="Delete group" secondary />} />
      <Section title="Summary" id="summary">
        <SummaryList
          rows={[
            ['ARN', <Copyable value={g.Arn} id="group-arn" label="ARN" />],
            ['Path', g.Path],
            ['Created', <Time value={g.CreateDate} />],
          ]}
        />
      </Section>
      <Section
        title={`Users (${v.users.length}${v.moreUsers ? '+' : ''})`}
        id="users"
        actions={<ButtonLink href={`${base}/users/add`} label="Add users" />}
      >
        <DataTable
          caption={`Users in ${g.GroupName}`}
          hideCaption
          head={['User name', 'Created', 'Actions']}
          empty="This group has no users."
          rows={v.users.map((u) => [
            <a href={`/console/users/${encode(u.UserName)}`}>{u.UserName}</a>,
            <Time value={u.CreateDate} />,
            <RowButton
              action={`${base}/users/remove`}
              csrf={csrf}
              label="Remove"
              object={`${u.UserName} from the group`}
              fields={{ user: u.UserName }}
            />,
          ])}
        />
      </Section>
      <Section
        title="Attached permissions policies"
        id="policies"
        actions={<ButtonLink href={`${base}/policies/attach`} label="Attach policies" />}
      >
        <DataTable
          caption={`Managed policies attached to ${g.GroupName}`}
          hideCaption
          head={['Policy name', 'Type', 'Actions']}
          empty="No managed policies are attached."
          rows={v.attached.map((p) => [
            <span>
              {p.PolicyName}
              <span class="hint mono">{p.PolicyArn}</span>
            </span>,
            isAwsManaged(p.PolicyArn) ? 'AWS managed' : 'Customer managed',
            <RowButton
              action={`${base}/policies/detach`}
              csrf={csrf}
              label="Detach"
              object={p.PolicyName}
              fields={{ policy_arn: p.PolicyArn }}
            />,
          ])}
        />
      </Section>
      <Section title="Inline policies" id="inline" actions={<ButtonLink href={`${base}/inline`} label="Create inline policy" />}>
        {v.inline.length === 0 ? <p class="muted">This group has no inline policies.</p> : null}
        {v.inline.map((p) => (
          <details class="group-policy">
            <summary>{p.name}</summary>
            <pre>{p.document}</pre>
            <div class="button-row">
              <a href={`${base}/inline?${new URLSearchParams({ policy: p.name })}`}>
                Edit<span class="visually-hidden"> inline policy {p.name}</span>
              </a>
              <RowButton
                action={`${base}/inline/delete`}
                csrf={csrf}
                label="Delete"
                object={`inline policy ${p.name}`}
                fields={{ policy_name: p.name }}
                danger
              />
            </div>
          </details>
        ))}
      </Section>
    </>,
  );
}

groupDetailPages.get('/:name', (c) => renderGroup(c, c.req.param('name')));

/** For the one-button forms: a refusal re-renders the group page with the API's message. */
export async function orShowGroup(c: ConsoleContext, name: string, work: () => Promise<Response>): Promise<Response> {
  const r = await attempt(work);
  return r.ok ? r.value : renderGroup(c, name, r.error);
}
