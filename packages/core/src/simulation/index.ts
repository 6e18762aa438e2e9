// SimulatePrincipalPolicy and SimulateCustomPolicy on top of the engine.
export { CONTEXT_KEY_TYPES, contextFromEntries } from './context-entries';
export { checkSimulationSize, SIMULATION_LIMITS, simulatePage } from './page';
export { inputPolicies, simulationPolicy } from './policy-sources';
export {
  type ActionResult,
  compileSimulation,
  type EvalDecision,
  type MatchedSource,
  type ResourceResult,
  type SimulationPolicy,
} from './simulator';
