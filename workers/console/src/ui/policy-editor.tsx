// The console's JSON policy editor: a document field and the service's own findings for it. Findings
// come from the identity worker's `POST /validate-policy` (the same rules the IAM API applies on save,
// plus warnings AWS's Access Analyzer would give); each is placed at its line in what the person
// typed, with its JSON path and the line's text, so "Statement[0].Action[1]" becomes something a
// person can find. Every editor (managed, inline, trust, boundary) uses this one.
import type { FC } from 'hono/jsx';
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ConsoleContext } from '../env';
import { attempt } from '../render';

export type PolicyType = 'IDENTITY_POLICY' | 'TRUST_POLICY' | 'PERMISSIONS_BOUNDARY' | 'RESOURCE_POLICY' | 'SESSION_POLICY';

export interface Finding {
  severity: 'error' | 'warning';
  code: string;
  /** JSON path as the service reports it: `Statement[0].Condition.StringEquals.aws:TagKeys` */
  path: string;
  message: string;
  /** 1-based line in the document as typed, when the path could be found in it */
  line?: number;
  /** that line's text, trimmed, for the person to recognise */
  excerpt?: string;
}

export interface Check {
  valid: boolean;
  findings: Finding[];
  /** the checker could not be asked (e.g. AccessDenied for iam:ValidatePolicy): saving still validates */
  unavailable?: string;
}

interface ApiFinding {
  findingType: 'ERROR' | 'WARNING';
  issueCode: string;
  path: string;
  message: string;
}

/** Asks the service to validate a document; findings come back placed at their lines. */
export async function checkPolicy(c: ConsoleContext, document: string, type: PolicyType = 'IDENTITY_POLICY'): Promise<Check> {
  const res = await attempt(() =>
    c.var.iam.json<{ valid: boolean; findings: ApiFinding[] }>('/validate-policy', {
      body: { policyDocument: document, policyType: type },
    }),
  );
  if (!res.ok) return { valid: true, findings: [], unavailable: res.error.message };
  const findings = res.value.findings.map((f) => ({
    severity: f.findingType === 'ERROR' ? ('error' as const) : ('warning' as const),
    code: f.issueCode,
    path: f.path,
    message: f.message,
  }));
  return { valid: res.value.valid, findings: placeFindings(document, findings) };
}

/** Adds line numbers and excerpts to findings (pure: exported for tests). */
export function placeFindings(text: string, findings: readonly Finding[]): Finding[] {
  const lines = text.split('\n');
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const tree = errors.length === 0 ? parseTree(text) : undefined;
  return findings.map((f) => {
    let offset: number | undefined;
    const character = f.code === 'invalid-character' ? /at offset (\d+)/.exec(f.message) : null;
    if (errors[0] && (f.code === 'invalid-json' || f.path === '')) {
      offset = errors[0].offset;
      f = { ...f, message: `${f.message} (${describeParseError(errors[0])})` };
    } else if (character) {
      // The service counts characters of the same text, so its offset is a place in what was typed.
      offset = Math.min(Number(character[1]), text.length);
    } else if (tree) offset = nodeForPath(tree, f.path).offset;
    if (offset === undefined) return f;
    const line = lineAt(offset);
    return { ...f, line, excerpt: (lines[line - 1] ?? '').trim().slice(0, 120) };
  });
}

const describeParseError = (e: ParseError) =>
  printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/**
 * The deepest node of the tree the path reaches (for an object member, its key). Object keys may themselves contain dots and brackets
 * (condition keys such as `aws:ResourceTag/team.name`), so at each object the longest key that the
 * rest of the path starts with wins. A statement written as an object rather than an array answers
 * to `Statement[0]`, as the validator numbers it.
 */
function nodeForPath(root: Node, path: string): Node {
  let node: Node | undefined = root;
  // The key rather than its value: its line is where a person looks, even when the value starts later.
  let at: Node = root;
  let rest = path;
  while (rest && node) {
    if (rest.startsWith('.')) rest = rest.slice(1);
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) {
      rest = rest.slice(index[0].length);
      const element: Node | undefined = node.type === 'array' ? node.children?.[Number(index[1])] : undefined;
      if (element) at = node = element;
      continue;
    }
    if (node.type !== 'object') break;
    let best: Node | undefined;
    let bestKey: string | undefined;
    for (const prop of node.children ?? []) {
      const key = String(prop.children?.[0]?.value ?? '');
      const next = rest.charAt(key.length);
      // `>=`: of two equal keys the later wins, as it does in JSON.parse and so in the validator.
      if (key.length >= (bestKey?.length ?? 0) && rest.startsWith(key) && (next === '' || next === '.' || next === '[')) {
        best = prop;
        bestKey = key;
      }
    }
    if (!best || bestKey === undefined) break;
    rest = rest.slice(bestKey.length);
    at = best;
    node = best.children?.[1] ?? best;
  }
  return at;
}

/** A service message: user input is in backticks, shown as code. */
export const Message: FC<{ text: string }> = ({ text }) => (
  <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>
);

/** The findings for a document field, errors first; each links to the field. */
export const PolicyFindings: FC<{
  findings: readonly Finding[];
  field: string;
  unavailable?: string | undefined;
  /** the heading's level, so that a page without an h2 before the findings skips none */
  level?: 2 | 3;
}> = ({ findings, field, unavailable, level }) => {
  if (unavailable)
    return <p class="hint">The policy could not be checked as you typed ({unavailable}); it is still validated when you save.</p>;
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div class="findings" role="region" aria-label="Policy validation">
      {level === 2 ? (
        <h2>
          {count(sorted, 'error')} and {count(sorted, 'warning')}
        </h2>
      ) : (
        <h3>
          {count(sorted, 'error')} and {count(sorted, 'warning')}
        </h3>
      )}
      <ul>
        {sorted.map((f) => (
          <li class={`finding ${f.severity}`}>
            <strong>{f.severity === 'error' ? 'Error' : 'Warning'}</strong>
            {f.line ? (
              <>
                {' '}
                at <a href={`#${field}`}>line {f.line}</a>
              </>
            ) : null}
            {f.path ? (
              <>
                {' '}
                (<code>{f.path}</code>)
              </>
            ) : null}
            : <Message text={f.message} />
            {f.excerpt ? <pre class="excerpt">{f.excerpt}</pre> : null}
          </li>
        ))}
      </ul>
    </div>
  );
};

function count(findings: readonly Finding[], severity: Finding['severity']): string {
  const n = findings.filter((f) => f.severity === severity).length;
  return `${n} ${severity}${n === 1 ? '' : 's'}`;
}

export const FINDING_STYLES = `
.findings{border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:var(--card)}
.findings h2,.findings h3{margin:0 0 8px;font-size:1.05rem}
.findings ul{margin:0;padding-left:18px}
.finding{margin:0 0 8px}
.finding.error strong{color:var(--danger)}
.finding.warning strong{color:var(--warn)}
.finding pre.excerpt{margin:4px 0 0;padding:6px 10px}
`;
