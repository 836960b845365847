// Companies (own and partners) and users.
import { z } from 'zod';
import { USER_ROLES } from '../../domain/company-types.ts';
import { listOf, Timestamp } from './common-schemas.ts';

export const UserRoleSchema = z.enum(USER_ROLES);

export const CompanySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string(), primary: z.boolean() })),
  })
  .meta({ id: 'Company', description: 'A company with its ISO 6523 identifiers.' });

export const UserSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    email: z.string(),
    name: z.string(),
    role: UserRoleSchema,
  })
  .meta({ id: 'User' });

export const UserListResponse = listOf(UserSchema).describe('The company’s users.');
export const PartnerSchema = CompanySchema.extend({
  delivery: z
    .object({
      delivered: z.number().int(),
      pending: z.number().int(),
      dead: z.number().int().describe('Dead-lettered documents (they are in the task list to resend).'),
      lastDeliveredAt: Timestamp.nullable(),
    })
    .describe('Delivery of the caller’s documents to this partner over the network.'),
}).meta({
  id: 'Partner',
  description: 'A trading partner with the delivery status of documents sent to it.',
});

export const PartnerListResponse = listOf(PartnerSchema).describe('Companies the caller can trade with.');
