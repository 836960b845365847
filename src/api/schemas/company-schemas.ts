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

const RemoteNodeSchema = z
  .object({
    participant: z.string().describe('ISO 6523 participant id scheme:value.'),
    endpointUrl: z.string().describe('Base URL of the partner’s node.'),
    fingerprints: z
      .array(z.string())
      .describe('Fingerprints of the pinned keys, newest first (16 groups of 4 hex digits).'),
    addedAt: Timestamp,
  })
  .meta({ id: 'RemoteNode' });
export const PartnerSchema = CompanySchema.extend({
  delivery: z
    .object({
      delivered: z.number().int(),
      pending: z.number().int(),
      dead: z.number().int().describe('Dead-lettered documents (they are in the task list to resend).'),
      declined: z
        .number()
        .int()
        .describe(
          'Key announcements the partner’s node declined because it has not pinned the caller’s company ' +
            '(final, not a failure: it gets the current keys from the card when it pins).',
        ),
      lastDeliveredAt: Timestamp.nullable(),
    })
    .describe('Delivery of the caller’s documents to this partner over the network.'),
  remote: RemoteNodeSchema.nullable().describe(
    'Set for a partner hosted on another node (added with POST /partners); null for companies on this node.',
  ),
}).meta({
  id: 'Partner',
  description: 'A trading partner with the delivery status of documents sent to it.',
});

export const PartnerListResponse = listOf(PartnerSchema).describe('Companies the caller can trade with.');

const NodeUrl = z
  .string()
  .min(1)
  .max(2000)
  .describe('Base URL of the partner’s node, e.g. https://node-b.example.');
const Participant = z
  .string()
  .min(1)
  .max(200)
  .describe('The partner company on that node, ISO 6523 scheme:value, e.g. 0106:12345678.');

export const PreviewPartnerBody = z.strictObject({
  nodeUrl: NodeUrl,
  participant: Participant,
  viaDirectory: z
    .boolean()
    .optional()
    .describe('nodeUrl is a directory node: the card must carry the participant’s own signatures.'),
});

export const AddPartnerBody = PreviewPartnerBody.extend({
  fingerprint: z
    .string()
    .min(1)
    .max(200)
    .describe(
      'Fingerprint of the card’s newest key as the partner gave it to you (spaces, colons and case are ignored). A different key is refused with 409 and nothing is pinned.',
    ),
});

export const PartnerCardPreview = z
  .object({
    card: z
      .object({
        participant: z.string(),
        name: z.string(),
        city: z.string().nullable().optional(),
        country: z.string().nullable().optional(),
        endpoint: z.string(),
        keys: z.array(
          z.object({
            jwk: z.record(z.string(), z.unknown()),
            validFrom: z.string(),
            validUntil: z.string().nullable().optional(),
          }),
        ),
        documentTypes: z.array(z.string()),
      })
      .describe('The participant card the partner’s node published.'),
    fingerprint: z.string().describe('Fingerprint of the card’s newest key: compare it with the partner.'),
  })
  .meta({ id: 'PartnerCardPreview' });
