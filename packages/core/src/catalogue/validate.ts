// Warnings for action names a policy spells but the AWS Service Authorization Reference does not have:
// an action its service lacks (`s3:GetObjet`, with the nearest real one), a service prefix no AWS service
// has (`s4:`), a wildcard that matches nothing. IAM saves such policies, so these are warnings; they
// matter because a misspelt action in an Allow grants nothing and in a Deny denies nothing. Read from
// the document as written, so each path points at the value typed: `Statement[0].Action[1]`.
// Only the names catalogue (actions.ts) is used: the identity worker bundles this.
import type { Diagnostic } from '../policy/types';
import { getService } from './actions';
import { expandActionPattern, suggestAction } from './patterns';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const WILD = /[*?]/;

function warning(path: string, code: string, message: string): Diagnostic {
  return { severity: 'warning', path, code, message };
}

/** The warning for one action pattern, or undefined when it names something real. */
export function actionNameWarning(value: string, path: string, element = 'Action'): Diagnostic | undefined {
  const colon = value.indexOf(':');
  // `*` names everything; a value without a colon is already an error of the parser's.
  if (value === '*' || colon < 0 || /\s/.test(value) || value.includes('${')) return undefined;
  const prefix = value.slice(0, colon);
  const match = expandActionPattern(value);
  if (match.actions.length > 0) return undefined;
  if (match.services.length === 0 && !WILD.test(prefix)) {
    const s = suggestAction(value);
    const hint = s.kind === 'service' ? `: did you mean \`${s.action ?? s.service}\`?` : '';
    return warning(
      path,
      'unknown-service',
      `Service \`${prefix}\` in ${element} \`${value}\` is not in the AWS Service Authorization Reference${hint || '; if it is your own application, ignore this'}`,
    );
  }
  if (WILD.test(value)) {
    const where = match.services.length === 1 ? ` of \`${getService(match.services[0]!)!.prefix}\`` : ' of any service';
    return warning(path, 'action-matches-nothing', `${element} \`${value}\` matches no action${where}, so it allows and denies nothing`);
  }
  const s = suggestAction(value);
  const hint = s.kind === 'action' ? `: did you mean \`${s.action}\`?` : ` in \`${getService(prefix)!.prefix}\``;
  return warning(path, 'unknown-action', `${element} \`${value}\` does not exist${hint}`);
}

/** Every Action and NotAction value of a parsed JSON document that names nothing in the catalogue. */
export function unknownActionWarnings(document: unknown): Diagnostic[] {
  if (!isRecord(document)) return [];
  const raw = document['Statement'];
  const statements = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : [];
  const out: Diagnostic[] = [];
  statements.forEach((s, i) => {
    if (!isRecord(s)) return;
    for (const element of ['Action', 'NotAction'] as const) {
      const v = s[element];
      const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
      values.forEach((value: unknown, j) => {
        if (typeof value !== 'string') return;
        const path = Array.isArray(v) ? `Statement[${i}].${element}[${j}]` : `Statement[${i}].${element}`;
        const w = actionNameWarning(value, path, element);
        if (w) out.push(w);
      });
    }
  });
  return out;
}
