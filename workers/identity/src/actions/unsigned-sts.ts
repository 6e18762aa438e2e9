// The STS actions that need no AWS credentials (botocore marks them `smithy.api#noAuth`): the identity
// provider's token or assertion is their proof. The Query API serves them before authentication
// (query-api.ts), with a FederationContext and never a caller; a signature, if a client sends one, is
// not looked at. They are registered like every other action too, so the registry, and the tests and
// tools that walk it, know their names and parameters; that registered handler is never reached.
import { action, type ActionTable } from '../action';
import type { UnsignedActionDef } from './federation-context';
import { assumeRoleWithSaml } from './saml-federation';
import { assumeRoleWithWebIdentity } from './web-identity';

export const UNSIGNED_STS_ACTIONS: ReadonlyMap<string, UnsignedActionDef> = new Map<string, UnsignedActionDef>([
  ['AssumeRoleWithWebIdentity', assumeRoleWithWebIdentity as UnsignedActionDef],
  ['AssumeRoleWithSAML', assumeRoleWithSaml as UnsignedActionDef],
]);

export const unsignedStsActions: ActionTable = Object.fromEntries(
  [...UNSIGNED_STS_ACTIONS].map(([name, def]) => [
    name,
    action(def.params, async () => {
      throw new Error(`sts:${name} is served without credentials, before authentication (query-api.ts)`);
    }),
  ]),
);
