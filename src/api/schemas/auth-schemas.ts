// Sessions (web login), the current caller, and API tokens.
import { z } from 'zod';
import { CompanySchema, UserRoleSchema, UserSchema } from './company-schemas.ts';
import { listOf, Timestamp } from './common-schemas.ts';

export const LoginBody = z.strictObject({ email: z.string().max(320), password: z.string().max(1000) });

export const SessionResponse = z
  .object({
    user: UserSchema,
    company: CompanySchema,
    expiresAt: Timestamp,
  })
  .describe('Logged in; the session cookie is set.');

export const MeResponse = z
  .object({
    role: UserRoleSchema,
    actor: z.object({
      userId: z.string().nullable().describe('Set for a logged-in user.'),
      tokenId: z.string().nullable().describe('Set for an API token.'),
      name: z.string(),
    }),
    company: CompanySchema,
  })
  .describe('The caller.');

/** GET /session: whether the request is logged in, as a 200 either way (a probe, not an error). */
export const SessionStateResponse = z
  .discriminatedUnion('authenticated', [
    z.object({ authenticated: z.literal(false) }).describe('No valid session cookie or API token.'),
    z
      .object({
        authenticated: z.literal(true),
        me: MeResponse.describe('The caller, exactly as GET /me answers.'),
      })
      .describe('Logged in (or an API token).'),
  ])
  .describe('Whether the request is logged in.');

export const CreateTokenBody = z.strictObject({
  name: z.string().max(100).describe('What the token is for, e.g. "ERP-koppeling".'),
  role: UserRoleSchema.optional().describe('Role the token acts with; default admin.'),
});

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    name: z.string(),
    prefix: z.string().describe('First characters of the secret, to recognise it.'),
    role: UserRoleSchema,
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });

/** The created token, with its secret: shown this once, stored only as a hash. */
export const CreatedTokenResponse = ApiTokenSchema.extend({
  secret: z.string().describe('Send as "Authorization: Bearer <secret>". Shown only once.'),
}).describe('The new token, with its secret.');

export const TokenListResponse = listOf(ApiTokenSchema).describe('API tokens, newest first.');
