// Names a principal's stored policies the way the simulator reports them. repo/effective-policies
// identifies a policy by its ARN (managed) or `<owner ARN>#<name>` (inline); MatchedStatements wants
// the policy's name and whose it is: user, group or role (inline), aws-managed or user-managed.
import { parseIamArn } from '../arn';
import type { PolicySource } from '../repo/effective-policies';
import type { PolicySourceType, SimulationPolicy } from './simulator';

export function simulationPolicy(p: PolicySource): SimulationPolicy {
  const hash = p.id.indexOf('#');
  if (hash >= 0) {
    const owner = parseIamArn(p.id.slice(0, hash))?.type;
    const sourceType: PolicySourceType = owner === 'user' || owner === 'group' || owner === 'role' ? owner : 'none';
    return { sourceId: p.id.slice(hash + 1), sourceType, document: p.document };
  }
  const arn = parseIamArn(p.id);
  return { sourceId: arn?.name || p.id, sourceType: arn?.account === 'aws' ? 'aws-managed' : 'user-managed', document: p.document };
}

/** Policies passed in the request: `PolicyInputList.1`, `PermissionsBoundaryPolicyInputList.1`, ... */
export const inputPolicies = (list: string, documents: readonly string[] = []): SimulationPolicy[] =>
  documents.map((document, i) => ({ sourceId: `${list}.${i + 1}`, sourceType: 'none', document }));
