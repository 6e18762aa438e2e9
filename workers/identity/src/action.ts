// What an IAM/STS action is: a name, a zod schema for its parameters, and a handler that receives
// validated input and a context, and returns the content of its <Result> element (or nothing).
import type { z } from 'zod';
import type { XmlStruct } from '@edge-iam/core/aws';
import type { ActionContext } from './context';

export interface ActionDef<S extends z.ZodType = z.ZodType> {
  params: S;
  handler: (ctx: ActionContext, input: z.output<S>) => Promise<XmlStruct | undefined>;
}

/** Identity helper that keeps the handler's input typed by its schema. */
export function action<S extends z.ZodType>(params: S, handler: ActionDef<S>['handler']): ActionDef<S> {
  return { params, handler };
}

export type ActionTable = Record<string, ActionDef>;
