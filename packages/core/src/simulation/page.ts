// What one simulation request may cost. AWS's API reference states no limit on how many actions or
// resources SimulatePrincipalPolicy / SimulateCustomPolicy name, only MaxItems (1-1000) per page,
// and lets a page hold fewer results than MaxItems. Unbounded, one 190 KB request (100 actions x 900
// long resource ARNs) once produced a 16.7 MB response. So: a request is refused when it asks for
// more than `maxDecisions` (action, resource) decisions in all; each response holds at most
// `pageDecisions` decisions and about `pageBytes` of results, and says IsTruncated with a Marker when
// there is more; an action whose results alone would not fit in a page is refused.
import { IamError } from '../errors';
import type { ActionResult, ResourceResult, Simulation, SimulationRequest } from './simulator';

export const SIMULATION_LIMITS = {
  /** actions x resources in one request (over all its pages) */
  maxDecisions: 10_000,
  /** decisions in one response; also the most resources one action may be simulated on */
  pageDecisions: 1_000,
  /** estimated bytes of rendered results in one response */
  pageBytes: 1_048_576,
} as const;

export type SimulationLimits = { readonly [K in keyof typeof SIMULATION_LIMITS]: number };

/** Refuses, before any work, a simulation that asks for more decisions than a request may cost. */
export function checkSimulationSize(actions: number, resources: number | undefined, limits: SimulationLimits = SIMULATION_LIMITS): void {
  if (resources !== undefined && resources > limits.pageDecisions) {
    throw new IamError(
      'InvalidInput',
      `ResourceArns lists ${resources} resources; a simulation takes at most ${limits.pageDecisions}. Simulate the resources in smaller groups.`,
    );
  }
  const decisions = actions * (resources ?? 1);
  if (decisions > limits.maxDecisions) {
    throw new IamError(
      'InvalidInput',
      `The simulation asks for ${decisions} decisions (${actions} actions x ${resources ?? 1} resources); a request may ask for at most ${limits.maxDecisions}. Simulate fewer actions or resources at a time.`,
    );
  }
}

/**
 * Room left in one response. Sizes are estimates of the rendered XML, on the generous side: fixed
 * element overhead plus the text, counted in UTF-8 with XML escapes.
 */
export class PageBudget {
  private decisions = 0;
  private bytes = 0;
  constructor(private readonly limits: SimulationLimits = SIMULATION_LIMITS) {}

  /** Takes room for `decisions` decisions and `bytes` of results; false (and nothing taken) when they do not fit. */
  take(decisions: number, bytes: number): boolean {
    if (this.decisions + decisions > this.limits.pageDecisions || this.bytes + bytes > this.limits.pageBytes) return false;
    this.decisions += decisions;
    this.bytes += bytes;
    return true;
  }
}

/** Room without limit, for callers that want every result at once (tests, one-off tools). */
export const UNLIMITED: Pick<PageBudget, 'take'> = { take: () => true };

export interface SimulationPage {
  results: ActionResult[];
  /** index in the action list where the next page starts; undefined on the last page */
  next: number | undefined;
}

/**
 * Decides the actions from `start` on, as many as MaxItems and the page's budget allow (at least one).
 * Throws InvalidInput when even the first action's results do not fit in a page.
 */
export function simulatePage(
  simulation: Simulation,
  actions: readonly string[],
  start: number,
  maxItems: number,
  req: SimulationRequest,
  limits: SimulationLimits = SIMULATION_LIMITS,
): SimulationPage {
  const budget = new PageBudget(limits);
  const results: ActionResult[] = [];
  let i = start;
  while (i < actions.length && results.length < maxItems) {
    const r = simulation.runWithin(actions[i]!, req, budget);
    if (r === undefined) {
      if (results.length > 0) break;
      throw new IamError(
        'InvalidInput',
        `The results for ${actions[i]} on ${req.resources?.length ?? 1} resources do not fit in one response (about ${limits.pageBytes} bytes). Simulate fewer resources at a time.`,
      );
    }
    results.push(r);
    i++;
  }
  return { results, next: i < actions.length ? i : undefined };
}

// Fixed overhead of each rendered element, measured on the XML the identity worker renders
// (see the size test in test/iam/simulation.test.ts) and rounded up.
const ACTION_RESULT_BYTES = 600;
const RESOURCE_RESULT_BYTES = 450;
const STATEMENT_BYTES = 300;
const MISSING_KEY_BYTES = 30;

/** UTF-8 bytes of text once XML-escaped (`&amp;` and friends). */
export function xmlTextBytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34 || c === 39) n += 6;
    else n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

function listBytes(result: Pick<ResourceResult, 'matched' | 'missingContextValues'>): number {
  let n = 0;
  for (const m of result.matched) n += STATEMENT_BYTES + xmlTextBytes(m.sourcePolicyId);
  for (const k of result.missingContextValues) n += MISSING_KEY_BYTES + xmlTextBytes(k);
  return n;
}

/** Estimated size of one ResourceSpecificResult. */
export function resourceResultBytes(r: ResourceResult): number {
  return RESOURCE_RESULT_BYTES + xmlTextBytes(r.resource) + listBytes(r);
}

/** Estimated size of one EvaluationResult without its ResourceSpecificResults. */
export function actionResultBytes(r: ActionResult): number {
  return ACTION_RESULT_BYTES + xmlTextBytes(r.action) + listBytes(r);
}
