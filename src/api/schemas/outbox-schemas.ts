// Outgoing documents: resending one the network gave up delivering.
import { z } from 'zod';
import { Timestamp, Uuid } from './common-schemas.ts';

export const ResentMessageSchema = z
  .object({
    messageId: Uuid.describe('The message ID; a resend keeps it, so the receiver deduplicates.'),
    status: z.enum(['pending', 'delivered', 'dead']),
    nextAttemptAt: Timestamp,
  })
  .meta({ id: 'ResentMessage' });
