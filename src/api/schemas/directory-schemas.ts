// Registering the caller's company at a directory node, and where it is registered.
import { z } from 'zod';
import { listOf, Timestamp } from './common-schemas.ts';

const HttpUrl = z.url({ protocol: /^https?$/ });

export const RegisterAtDirectoryBody = z
  .strictObject({
    directoryUrl: HttpUrl.describe('Base URL of the directory node.'),
    endpoint: HttpUrl.optional().describe(
      "This node's URL as partners reach it; default: the node's public URL.",
    ),
  })
  .meta({ id: 'RegisterAtDirectoryRequest' });

export const DirectoryRegistrationSchema = z
  .object({
    participant: z.string().describe('The registered participant id, scheme:value.'),
    issuedAt: Timestamp,
    registeredAt: Timestamp,
    replaced: z.boolean().describe('Whether the card replaced an older registration.'),
  })
  .meta({ id: 'DirectoryRegistration' });

export const CardRegistrationSchema = z
  .object({
    directoryUrl: z.string().describe('Base URL of the directory node.'),
    participant: z.string().describe('The registered participant id, scheme:value.'),
    endpoint: z.string().describe('This node’s URL in the registered card.'),
    status: z
      .enum(['current', 'refresh_due', 'refresh_refused'])
      .describe(
        'current: the directory holds the card signed by the newest key; refresh_due: after a key ' +
          'rotation the node is registering the new card there (retried with backoff); refresh_refused: ' +
          'the directory refused the new card, the node stopped trying — register again by hand.',
      ),
    issuedAt: Timestamp.describe('When the card the directory accepted last was issued.'),
    registeredAt: Timestamp.describe('First registration from this node.'),
    updatedAt: Timestamp.describe('When the directory accepted a card last.'),
    refreshRequestedAt: Timestamp.nullable().describe('Since when the directory’s card is out of date.'),
    attempts: z.number().int().describe('Failed refresh attempts since then.'),
    nextAttemptAt: Timestamp.nullable().describe('When the node tries the refresh next (refresh_due only).'),
    lastAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable().describe('Why the last refresh attempt failed.'),
    refreshBefore: Timestamp.nullable().describe(
      'For a card that is out of date: when the last key the directory knows ends; after that it takes ' +
        'no newer card.',
    ),
  })
  .meta({ id: 'CardRegistration' });

export const CardRegistrationListSchema = listOf(CardRegistrationSchema).meta({
  id: 'CardRegistrationList',
});
