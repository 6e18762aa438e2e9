// Turns a normalised PolicyDocument back into AWS's JSON shape (`Version`, `Statement`, `Effect` ...),
// for storing, returning from the IAM API, and re-validating documents built in code.

import type { PolicyDocument, PolicyStatement } from './types';

export function toPolicyJson(doc: PolicyDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (doc.version !== undefined) out['Version'] = doc.version;
  if (doc.id !== undefined) out['Id'] = doc.id;
  out['Statement'] = doc.statements.map(statementJson);
  return out;
}

function statementJson(s: PolicyStatement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid !== undefined) out['Sid'] = s.sid;
  out['Effect'] = s.effect;
  if (s.principal !== undefined) out['Principal'] = s.principal;
  if (s.notPrincipal !== undefined) out['NotPrincipal'] = s.notPrincipal;
  if (s.action !== undefined) out['Action'] = s.action;
  if (s.notAction !== undefined) out['NotAction'] = s.notAction;
  if (s.resource !== undefined) out['Resource'] = s.resource;
  if (s.notResource !== undefined) out['NotResource'] = s.notResource;
  if (s.condition !== undefined) out['Condition'] = s.condition;
  return out;
}
