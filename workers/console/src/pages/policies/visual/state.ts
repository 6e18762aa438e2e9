// What every visual-editor form carries and how it is read back: the draft (statements so far and the
// one being edited, as JSON: user input, checked by the catalogue's zod schema on every POST), where to
// hand the finished JSON (`returnTo`: a JSON editor page of this area, never another site), and the JSON
// editor's own fields (policy name, tags ...) carried through untouched so nothing typed there is lost.
import { draftField, EMPTY_DRAFT, parseDraft, type DraftState } from '@edge-iam/core/catalogue';
import { text, type Form } from '../../../render';

export const VISUAL = '/console/policies/visual';
export const DEFAULT_RETURN = '/console/policies/new';

/** The fields a step's form carries: the draft, where to return, the JSON editor's fields. */
export interface Carried {
  draft: DraftState;
  returnTo: string;
  carry: Record<string, string>;
}

// A path of this area with an optional query (`/console/policies/edit?arn=arn%3Aaws%3A...`); no
// scheme, host, `//` or backslash, so the Finish form can only post back into the console.
const RETURN = /^\/console\/policies\/[A-Za-z0-9_\-/]*(\?[A-Za-z0-9_\-.~%=&+]*)?$/;
export const isReturnPath = (p: string) => RETURN.test(p) && !p.includes('//') && !p.startsWith(VISUAL);

/** Fields the visual editor itself reads; everything else the JSON editor posted is carried. */
const OWN = new Set(['document', 'returnTo', 'intent', 'csrf_token', 'draft', 'carry']);
const CARRY_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const CARRY_MAX = { fields: 120, value: 2048 } as const;

function carryProblem(carry: unknown): string | undefined {
  if (typeof carry !== 'object' || carry === null || Array.isArray(carry)) return 'the carried fields are not an object';
  const entries = Object.entries(carry);
  if (entries.length > CARRY_MAX.fields) return 'too many carried fields';
  for (const [k, v] of entries)
    if (!CARRY_NAME.test(k) || OWN.has(k) || typeof v !== 'string' || v.length > CARRY_MAX.value)
      return `the carried field \`${k}\` is not valid`;
  return undefined;
}

/** The JSON editor's fields on `intent=load`: what it posted beyond the document. */
export function carriedFromEditor(form: Form): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    if (OWN.has(k) || !CARRY_NAME.test(k)) continue;
    const value = Array.isArray(v) ? (v[0] ?? '') : v;
    if (Object.keys(out).length < CARRY_MAX.fields) out[k] = value.slice(0, CARRY_MAX.value);
  }
  return out;
}

export type Read = { ok: true; value: Carried } | { ok: false; problem: string };

/** The hidden fields of a posted step, checked: a draft or carry that fails is refused whole. */
export function readCarried(form: Form): Read {
  const returnTo = text(form, 'returnTo', 2048) || DEFAULT_RETURN;
  if (!isReturnPath(returnTo)) return { ok: false, problem: 'The page to return to is not a policy editor of this console.' };
  const raw = form.draft;
  const parsed = parseDraft(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
  if (!parsed.ok) return { ok: false, problem: `The draft could not be used (${parsed.problem.replace(/`/g, '')}). Start again.` };
  let carry: Record<string, string> = {};
  const carryText = text(form, 'carry', 300_000);
  if (carryText) {
    let json: unknown;
    try {
      json = JSON.parse(carryText);
    } catch {
      return { ok: false, problem: 'The carried fields are not valid JSON. Start again.' };
    }
    const problem = carryProblem(json);
    if (problem) return { ok: false, problem: `The draft could not be used (${problem.replace(/`/g, '')}). Start again.` };
    carry = json as Record<string, string>;
  }
  return { ok: true, value: { draft: parsed.draft, returnTo, carry } };
}

export const hiddenValues = (s: Carried) => ({
  draft: draftField(s.draft),
  returnTo: s.returnTo,
  carry: JSON.stringify(s.carry),
});

export const fresh = (returnTo = DEFAULT_RETURN, carry: Record<string, string> = {}): Carried => ({ draft: EMPTY_DRAFT, returnTo, carry });
