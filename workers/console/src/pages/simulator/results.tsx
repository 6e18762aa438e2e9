// The simulator's answer as a person reads it: one row per action and resource with the decision in
// words, the statements that decided (the policy, whose it is, and where the statement sits in its
// text), the context keys a condition needed but the request did not carry, and the boundary,
// Organizations and cross-account details when the API gives them. More results than one page hold
// come with a "Next results" form that re-posts the same request with the API's Marker.
import type { FC } from 'hono/jsx';
import { CsrfField, DataTable } from '../../ui/components';
import type { Draft } from './draft';

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
interface Position {
  Line: number;
  Column: number;
}
export interface MatchedStatement {
  SourcePolicyId?: string;
  SourcePolicyType?: string;
  StartPosition?: Position;
  EndPosition?: Position;
}
interface Outcome {
  EvalResourceName: string;
  MatchedStatements?: MatchedStatement[];
  MissingContextValues?: string[];
  EvalDecisionDetails?: Record<string, string>;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
}
interface ResourceResult extends Outcome {
  EvalResourceDecision: Decision;
}
export interface EvaluationResult extends Outcome {
  EvalActionName: string;
  EvalDecision: Decision;
  OrganizationsDecisionDetail?: { AllowedByOrganizations?: boolean };
  ResourceSpecificResults?: ResourceResult[];
}
export interface SimulationPage {
  EvaluationResults?: EvaluationResult[];
  IsTruncated?: boolean;
  Marker?: string;
}

const DECISION: Record<Decision, { words: string; hint: string; tone: string }> = {
  allowed: { words: 'Allowed', hint: 'a statement allows it and none denies it', tone: 'ok' },
  explicitDeny: { words: 'Denied explicitly', hint: 'a Deny statement applies', tone: 'deny' },
  implicitDeny: { words: 'Denied implicitly', hint: 'no statement allows it', tone: 'deny' },
};
const decisionWords = (d: string) => DECISION[d as Decision]?.words ?? d;

const SOURCE: Record<string, string> = {
  user: 'inline policy of the user',
  group: 'inline policy of a group',
  role: 'inline policy of the role',
  'aws-managed': 'AWS managed policy',
  'user-managed': 'customer managed policy',
  resource: 'resource-based policy',
};

/** Which policy a statement came from, in words, linking to the field when it was pasted here. */
const PolicyName: FC<{ m: MatchedStatement }> = ({ m }) => {
  const id = m.SourcePolicyId ?? 'a policy';
  const pasted = /^PolicyInputList\.(\d+)$/.exec(id);
  if (pasted) return <a href={`#policy_${Number(pasted[1]) - 1}`}>pasted policy {pasted[1]}</a>;
  if (id.startsWith('PermissionsBoundaryPolicyInputList.')) return <a href="#boundary">pasted permissions boundary</a>;
  if (id === 'ResourcePolicy') return <a href="#resource_policy">resource-based policy</a>;
  const kind = SOURCE[m.SourcePolicyType ?? ''];
  return (
    <>
      <code>{id}</code>
      {kind ? ` (${kind})` : null}
    </>
  );
};

const where = (m: MatchedStatement) => {
  const s = m.StartPosition;
  const e = m.EndPosition;
  if (!s) return '';
  if (!e || e.Line === s.Line) return `, statement at line ${s.Line}, column ${s.Column}`;
  return `, statement at lines ${s.Line}–${e.Line} (from column ${s.Column})`;
};

const Statements: FC<{ matched: readonly MatchedStatement[] | undefined; decision: Decision }> = ({ matched, decision }) =>
  matched && matched.length > 0 ? (
    <ul class="sim-statements">
      {matched.map((m) => (
        <li>
          <PolicyName m={m} />
          {where(m)}
        </li>
      ))}
    </ul>
  ) : (
    <span class="muted">{decision === 'implicitDeny' ? 'No statement matched' : 'None reported'}</span>
  );

const Missing: FC<{ keys: readonly string[] | undefined }> = ({ keys }) =>
  keys && keys.length > 0 ? (
    <div class="sim-missing">
      <ul>
        {keys.map((k) => (
          <li>
            <code>{k}</code>
          </li>
        ))}
      </ul>
      <span class="hint">
        A condition needs {keys.length === 1 ? 'this key' : 'these keys'}: <a href="#context">add a value under Context keys</a> and run
        again (a row is ready for each).
      </span>
    </div>
  ) : (
    <span class="muted">None</span>
  );

function details(r: Outcome, org?: EvaluationResult['OrganizationsDecisionDetail']): string[] {
  const out: string[] = [];
  const boundary = r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary;
  if (boundary !== undefined) out.push(boundary ? 'The permissions boundary allows it' : 'The permissions boundary does not allow it');
  const orgs = org?.AllowedByOrganizations;
  if (orgs !== undefined) out.push(orgs ? 'Organizations policies allow it' : 'Organizations policies do not allow it');
  for (const [side, d] of Object.entries(r.EvalDecisionDetails ?? {})) out.push(`${side}: ${decisionWords(d).toLowerCase()}`);
  return out;
}

const Decided: FC<{ decision: Decision }> = ({ decision }) => {
  const d = DECISION[decision] ?? { words: decision, hint: '', tone: 'deny' };
  return (
    <span class={`sim-decision ${d.tone}`}>
      <strong>{d.words}</strong>
      {d.hint ? <span class="hint">{d.hint}</span> : null}
    </span>
  );
};

/** One row per (action, resource): the named resources when the API answered per resource. */
function rows(results: readonly EvaluationResult[]) {
  return results.flatMap((r) => {
    const perResource = r.ResourceSpecificResults ?? [];
    const outcomes: (Outcome & { decision: Decision })[] =
      perResource.length > 0 ? perResource.map((p) => ({ ...p, decision: p.EvalResourceDecision })) : [{ ...r, decision: r.EvalDecision }];
    return outcomes.map((o) => {
      const more = details(o, r.OrganizationsDecisionDetail);
      return [
        <code>{r.EvalActionName}</code>,
        <code>{o.EvalResourceName}</code>,
        <Decided decision={o.decision} />,
        <Statements matched={o.MatchedStatements} decision={o.decision} />,
        <Missing keys={o.MissingContextValues} />,
        more.length > 0 ? (
          <ul class="sim-details">
            {more.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        ) : (
          <span class="muted">—</span>
        ),
      ];
    });
  });
}

/** Every field of the draft as hidden inputs: the next page asks exactly what this one did. */
export const DraftFields: FC<{ d: Draft }> = ({ d }) => (
  <>
    <input type="hidden" name="mode" value={d.mode} />
    <input type="hidden" name="kind" value={d.kind} />
    <input type="hidden" name="filter" value={d.filter} />
    <input type="hidden" name="principal" value={d.principal} />
    <input type="hidden" name="actions" value={d.actions} />
    <input type="hidden" name="resources" value={d.resources} />
    {d.context.map((r, i) => (
      <>
        <input type="hidden" name={`ctx_key_${i}`} value={r.key} />
        <input type="hidden" name={`ctx_type_${i}`} value={r.type} />
        <input type="hidden" name={`ctx_values_${i}`} value={r.values} />
      </>
    ))}
    {d.policies.map((p, i) => (
      <input type="hidden" name={`policy_${i}`} value={p} />
    ))}
    <input type="hidden" name="boundary" value={d.boundary} />
    <input type="hidden" name="resource_policy" value={d.resourcePolicy} />
    <input type="hidden" name="caller_arn" value={d.callerArn} />
    <input type="hidden" name="page_size" value={d.pageSize} />
  </>
);

export const Results: FC<{ out: SimulationPage; draft: Draft; csrf: string; page: number }> = ({ out, draft, csrf, page }) => {
  const results = out.EvaluationResults ?? [];
  const table = rows(results);
  const counts = results
    .flatMap((r) => (r.ResourceSpecificResults?.length ? r.ResourceSpecificResults.map((p) => p.EvalResourceDecision) : [r.EvalDecision]))
    .reduce<Record<string, number>>((acc, d) => ({ ...acc, [d]: (acc[d] ?? 0) + 1 }), {});
  const summary = (['allowed', 'explicitDeny', 'implicitDeny'] as const)
    .filter((d) => counts[d])
    .map((d) => `${counts[d]} ${DECISION[d].words.toLowerCase()}`)
    .join(', ');
  return (
    <section class="panel" aria-labelledby="results-title" id="results">
      <div class="panel-header">
        <h2 id="results-title">Results{page > 1 ? `, page ${page}` : ''}</h2>
      </div>
      <p role="status">{summary ? `${summary}.` : 'No results.'}</p>
      <div class="sim-results">
        <DataTable
          caption="Simulation results"
          hideCaption
          head={['Action', 'Resource', 'Decision', 'Decided by', 'Missing context values', 'Details']}
          rows={table}
          empty="The simulation returned no results."
        />
      </div>
      {out.IsTruncated && out.Marker ? (
        <form method="post" action="/console/simulator#results" class="pager">
          <CsrfField token={csrf} />
          <DraftFields d={draft} />
          <input type="hidden" name="marker" value={out.Marker} />
          <input type="hidden" name="page_number" value={String(page + 1)} />
          <button type="submit" name="intent" value="run" class="secondary">
            Next results
          </button>
        </form>
      ) : null}
    </section>
  );
};

/** Every context key some result reported missing (each once). */
export const missingKeys = (out: SimulationPage): string[] => [
  ...new Set(
    (out.EvaluationResults ?? []).flatMap((r) => [
      ...(r.MissingContextValues ?? []),
      ...(r.ResourceSpecificResults ?? []).flatMap((p) => p.MissingContextValues ?? []),
    ]),
  ),
];
