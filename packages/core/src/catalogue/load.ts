// A policy document read into a visual-editor draft, when the editor can show it without changing what
// it means. A statement naming several services becomes one statement per service (same effect,
// resources and conditions: the same grants). What the editor cannot show - NotAction, NotResource,
// principals, `*` for every service, unknown services or actions, Version 2008-10-17 - is listed in
// words so the person can stay in the JSON editor knowing why.
import { lookupAction } from './actions';
import type { DraftCondition, DraftStatement } from './builder';
import { isKnownOperator } from './conditions';
import { DRAFT_LIMITS, type DraftState } from './draft';
import { expandActionPattern } from './patterns';

export type LoadResult =
  | { readonly ok: true; readonly draft: DraftState; readonly notes: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ELEMENTS = ['Sid', 'Effect', 'Action', 'Resource', 'Condition'];

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v;
  return undefined;
}

function readConditions(v: unknown, where: string, problems: string[]): DraftCondition[] {
  if (v === undefined) return [];
  if (!isRecord(v)) {
    problems.push(`${where}: \`Condition\` is not an object`);
    return [];
  }
  const out: DraftCondition[] = [];
  for (const [operator, keys] of Object.entries(v)) {
    if (!isKnownOperator(operator)) problems.push(`${where}: the condition operator \`${operator}\` is not one the visual editor offers`);
    if (!isRecord(keys)) {
      problems.push(`${where}: \`Condition.${operator}\` is not an object`);
      continue;
    }
    for (const [key, raw] of Object.entries(keys)) {
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.length === 0 || !list.every((x) => ['string', 'number', 'boolean'].includes(typeof x))) {
        problems.push(`${where}: the values of \`${key}\` are not strings, numbers or booleans`);
        continue;
      }
      out.push({ operator, key, values: list.map(String) });
    }
  }
  return out;
}

/** A document (parsed JSON or its text) as a draft, or what stops the visual editor from showing it. */
export function draftFromDocument(document: unknown): LoadResult {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return { ok: false, problems: ['the document is not valid JSON'] };
    }
  }
  if (!isRecord(doc)) return { ok: false, problems: ['the document is not a JSON object'] };
  const problems: string[] = [];
  const notes: string[] = [];
  if (doc['Version'] !== undefined && doc['Version'] !== '2012-10-17')
    problems.push(`the document has \`Version\` \`${String(doc['Version'])}\`; the visual editor writes \`2012-10-17\``);
  for (const k of Object.keys(doc))
    if (!['Version', 'Id', 'Statement'].includes(k)) problems.push(`the document has \`${k}\`, which the visual editor cannot show`);
  const raw = doc['Statement'];
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : undefined;
  if (!list) return { ok: false, problems: [...problems, 'the document has no `Statement`'] };
  const statements: DraftStatement[] = [];
  list.forEach((s, i) => {
    const where = `statement ${i + 1}`;
    if (!isRecord(s)) return problems.push(`${where} is not an object`);
    for (const k of Object.keys(s)) if (!ELEMENTS.includes(k)) problems.push(`${where} uses \`${k}\`, which the visual editor cannot show`);
    const effect = s['Effect'];
    if (effect !== 'Allow' && effect !== 'Deny') problems.push(`${where} has no \`Effect\` of \`Allow\` or \`Deny\``);
    const actions = stringList(s['Action']);
    const resources = stringList(s['Resource']);
    if (!actions) problems.push(`${where} has no \`Action\` the visual editor can read`);
    if (!resources) problems.push(`${where} has no \`Resource\` the visual editor can read`);
    const sid = s['Sid'];
    if (sid !== undefined && (typeof sid !== 'string' || !/^[A-Za-z0-9]*$/.test(sid)))
      problems.push(`${where} has a \`Sid\` that is not letters and digits`);
    const conditions = readConditions(s['Condition'], where, problems);
    const byService = new Map<string, string[]>();
    for (const a of actions ?? []) {
      const m = expandActionPattern(a);
      const prefix = a.split(':')[0] ?? '';
      if (a === '*' || /[*?]/.test(prefix))
        problems.push(`${where} names \`${a}\`, actions of every service; choose a service per statement`);
      else if (m.services.length === 0) problems.push(`${where} names \`${a}\`, of a service the AWS reference does not have`);
      else if (m.actions.length === 0) problems.push(`${where} names \`${a}\`, which matches no action of \`${m.services[0]}\``);
      else {
        const name = a.slice(a.indexOf(':') + 1);
        // Exact names take the reference's spelling; patterns stay as written.
        const entry = name === '*' ? '*' : /[*?]/.test(name) ? name : lookupAction(a)!.name;
        const names = byService.get(m.services[0]!) ?? [];
        if (!names.includes(entry)) names.push(entry);
        byService.set(m.services[0]!, names);
      }
    }
    if (byService.size > 1)
      notes.push(`Statement ${i + 1} names actions of ${byService.size} services: it is shown as one statement per service.`);
    if (effect !== 'Allow' && effect !== 'Deny') return;
    for (const [service, names] of byService)
      statements.push({
        ...(typeof sid === 'string' && sid !== '' && byService.size === 1 && { sid }),
        effect,
        service,
        actions: names.includes('*') ? ['*'] : names,
        resources: resources ?? ['*'],
        conditions,
      });
  });
  if (statements.length > DRAFT_LIMITS.statements) problems.push(`the document has more than ${DRAFT_LIMITS.statements} statements`);
  if (problems.length > 0) return { ok: false, problems };
  const id = doc['Id'];
  return { ok: true, draft: { ...(typeof id === 'string' && { id }), statements }, notes };
}
