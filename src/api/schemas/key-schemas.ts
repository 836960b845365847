// Signing keys of the caller's company: rotation.
import { z } from 'zod';

export const RotateKeyBody = z
  .strictObject({
    graceDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(7)
      .describe('Days the old key stays valid, so partners can still verify what it signed.'),
  })
  .meta({ id: 'RotateKeyRequest' });

export const RotatedKeySchema = z
  .object({
    fingerprint: z.string().describe('Fingerprint of the new key: 16 groups of 4 hex digits.'),
    announcedTo: z
      .array(z.string())
      .describe('Partners on other nodes the new key set is announced to (delivered by the outbox).'),
    directoriesToRefresh: z
      .array(z.string())
      .describe('Directories holding the company’s card; the node registers the new card there by itself.'),
  })
  .meta({ id: 'RotatedKey' });
