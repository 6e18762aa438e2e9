// Step 1, continued for web identity: the audience (one of the chosen provider's client ids, read with
// GetOpenIDConnectProvider, which is why it is a page of its own: without script a list cannot follow
// the provider chosen above it) and which subjects may assume the role. For GitHub Actions the subject
// is written from an organization, a repository and a branch; for any other provider it is typed as a
// StringLike pattern. A provider that is gone, or may not be read, sends the person back to step 1.
import type { ConsoleContext } from '../../../env';
import { Copyable, FieldError, SummaryList, TextField, type FieldErrors } from '../../../ui/components';
import type { Draft } from './draft';
import { githubSubject, isGitHub } from './federation';
import { wizardPage, type StepView } from './frame';
import { readOidcProvider, type OidcProvider } from './providers';
import { trustPage } from './trust-step';

const Audience = ({ provider, d, error, endpoint }: { provider: OidcProvider; d: Draft; error?: string | undefined; endpoint: string }) => (
  <fieldset class={error ? 'field has-error' : 'field'} id="audience" aria-describedby="audience-hint">
    <legend>Audience</legend>
    <p class="hint" id="audience-hint">
      The client ID the provider’s tokens for this role carry in <span class="mono">aud</span>.
      {isGitHub(provider.arn) ? (
        <>
          {' '}
          For GitHub Actions it is <span class="mono">sts.amazonaws.com</span>, what aws-actions/configure-aws-credentials asks for.
        </>
      ) : null}
    </p>
    <FieldError id="audience" message={error} />
    {provider.clientIds.length === 0 ? (
      <div class="role-unavailable">
        <p>
          {provider.id} has no audiences (client IDs) yet, so it can accept no token. Add one with the AWS CLI, then choose Next to see it
          here:
        </p>
        <Copyable
          id="audience-add-command"
          label="command"
          value={`aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider.arn} --client-id sts.amazonaws.com --endpoint-url ${endpoint}`}
        />
      </div>
    ) : (
      provider.clientIds.map((id, i) => (
        <div class="check">
          <input type="radio" id={`audience-${i}`} name="audience" value={id} checked={d.audience === id} />
          <label for={`audience-${i}`} class="mono">
            {id}
          </label>
        </div>
      ))
    )}
  </fieldset>
);

const GitHubSubject = ({ d, e }: { d: Draft; e: FieldErrors }) => (
  <fieldset class="field role-choice">
    <legend>GitHub Actions</legend>
    <p class="hint">
      Which workflows may assume the role. Every repository on GitHub gets tokens from the same issuer and audience: the subject (
      <span class="mono">sub</span>) tells them apart, and the trust policy requires it. An organization alone allows all its repositories (
      <span class="mono">{githubSubject('acme', '', '')}</span>), with a repository any of its workflows (
      <span class="mono">{githubSubject('acme', 'app', '')}</span>), with a branch only those run on it (
      <span class="mono">{githubSubject('acme', 'app', 'main')}</span>).
    </p>
    <TextField
      label="GitHub organization"
      name="githubOrg"
      value={d.githubOrg}
      error={e.githubOrg}
      maxlength={39}
      mono
      hint="The organization or user that owns the repositories, for example acme."
    />
    <TextField
      label="GitHub repository (optional)"
      name="githubRepo"
      value={d.githubRepo}
      error={e.githubRepo}
      maxlength={100}
      mono
      hint="For example app. Leave it empty for every repository of the organization."
    />
    <TextField
      label="GitHub branch (optional)"
      name="githubBranch"
      value={d.githubBranch}
      error={e.githubBranch}
      maxlength={255}
      mono
      hint="For example main; * matches any characters, as in release/*. Leave it empty for any branch, tag, environment or pull request."
    />
  </fieldset>
);

/** The web-identity page for the draft's provider, or step 1 with the provider's problem beside its field. */
export async function webIdentityPage(c: ConsoleContext, d: Draft, view: StepView = {}): Promise<Response> {
  const read = await readOidcProvider(c, d.oidcProvider);
  if (!read.ok) return trustPage(c, d, { errors: { oidcProvider: read.problem }, status: 400 });
  const { provider } = read;
  const e = view.errors ?? {};
  const endpoint = new URL(c.req.url).origin;
  return wizardPage(
    c,
    { ...view, step: 'web-identity', draft: d },
    <>
      <SummaryList
        rows={[
          [
            'Identity provider',
            <>
              {provider.id}
              <span class="hint mono">{provider.arn}</span>
            </>,
          ],
        ]}
      />
      <Audience provider={provider} d={d} error={e.audience} endpoint={endpoint} />
      {isGitHub(provider.arn) ? (
        <GitHubSubject d={d} e={e} />
      ) : (
        <TextField
          label="Subject condition (optional)"
          name="subject"
          value={d.subject}
          error={e.subject}
          maxlength={1000}
          mono
          hint={
            <>
              Only tokens whose subject (<span class="mono">{provider.id}:sub</span>) matches may assume the role; * matches any characters
              and ? one (StringLike). For example system:serviceaccount:ci:deployer. Leave it empty to trust every token the provider issues
              for this audience.
            </>
          }
        />
      )}
    </>,
  );
}
