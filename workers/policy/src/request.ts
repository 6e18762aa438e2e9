// The /authorize request body, validated with zod at the edge. The principal is never in the body's
// say-so: it is a verified token (Authorization header), a forwarded SigV4-signed request the worker
// verifies itself, or an ARN the authenticated calling app may simulate. `clientId` is the calling app
// naming itself when the bearer token is an OAuth access token: such a token is accepted only for the
// app it was issued to, so the app says which one it is, and the token must agree.
import { z } from 'zod';

const contextValue = z.union([
  z.string().max(4096),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string().max(4096), z.number(), z.boolean()])).max(100),
]);

export const contextSchema = z
  .record(z.string().min(1).max(256), contextValue)
  .refine((ctx) => Object.keys(ctx).length <= 100, { message: 'at most 100 context keys' })
  .refine((ctx) => !Object.keys(ctx).some((k) => k.toLowerCase().startsWith('aws:')), {
    message:
      'global condition keys (`aws:*`) come from the verified principal and the request, not from `context`; report the end client address as `sourceIp`',
  });

export const forwardedRequest = z.object({
  method: z.string().min(1).max(16),
  url: z.url().max(8192),
  headers: z.record(z.string().max(256), z.string().max(8192)),
  /** SHA-256 (hex) of the body the app received, or the SigV4 empty-body hash. */
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be the hex SHA-256 of the request body' }),
});

const check = z.object({
  action: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\w-]+:[\w*?-]+$/, { message: 'must look like `service:Action`' }),
  resource: z.string().min(1).max(2048),
});

export const authorizeBody = check.extend({
  context: contextSchema.optional(),
  resourcePolicy: z.union([z.string().max(20_480), z.record(z.string(), z.unknown())]).optional(),
  principal: z.object({ arn: z.string().min(20).max(2048) }).optional(),
  signedRequest: forwardedRequest.optional(),
  /** The end client's IP address as the app saw it (aws:SourceIp). */
  sourceIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** Skip the in-memory policy cache and read the principal's policies from D1 now. */
  fresh: z.boolean().optional(),
  /**
   * The calling app's OAuth client id, when the bearer token is an access token from the OpenID
   * Connect provider: the token must be one issued to this client.
   */
  clientId: z
    .string()
    .regex(/^eiam-[a-z2-7]{20}$/, { message: 'must be an OAuth client id: `eiam-` and 20 letters a-z or digits 2-7' })
    .optional(),
});

export const batchBody = authorizeBody.omit({ action: true, resource: true }).extend({
  requests: z
    .array(check.extend({ context: contextSchema.optional() }))
    .min(1)
    .max(100),
});

export type AuthorizeBody = z.infer<typeof authorizeBody>;
export type BatchBody = z.infer<typeof batchBody>;
