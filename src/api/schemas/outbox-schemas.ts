// Outgoing documents: resending one the network gave up delivering.
import { z } from 'zod';
import { listOf, Timestamp, Uuid } from './common-schemas.ts';

const OutboxStatusSchema = z
  .enum(['pending', 'delivered', 'dead', 'declined'])
  .describe(
    'pending: being delivered; delivered: receipted; dead: given up (a task, resend it); declined: a key ' +
      'announcement the partner’s node refused because it has not pinned the company (final, no task).',
  );

export const ResentMessageSchema = z
  .object({
    messageId: Uuid.describe('The message ID; a resend keeps it, so the receiver deduplicates.'),
    status: OutboxStatusSchema,
    nextAttemptAt: Timestamp,
  })
  .meta({ id: 'ResentMessage' });

const DeliveryFields = {
  messageId: Uuid,
  documentType: z.string(),
  partner: z.object({ id: Uuid, name: z.string().nullable() }),
  orderId: Uuid.nullable().describe('The order the message belongs to; null for e.g. key announcements.'),
  seq: z.number().int().describe('Place of the message in its conversation (order).'),
  status: OutboxStatusSchema,
  attempts: z.number().int().describe('Attempts since the last resend (the retry budget).'),
  totalAttempts: z.number().int().describe('Attempts on the wire in total, resends included.'),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
  nextAttemptAt: Timestamp.nullable().describe('When the next attempt is due (pending messages only).'),
  lastError: z.string().nullable(),
  receipt: z
    .object({
      receivedAt: Timestamp.nullable(),
      status: z.string().nullable().describe('accepted or duplicate'),
      kid: z.string().nullable().describe('The receiver key that signed the receipt.'),
    })
    .nullable()
    .describe('The receiver’s signed receipt (proof of delivery); null until delivered.'),
  partnerResponse: z
    .object({
      code: z.string().describe('AP, AB or RE'),
      description: z.string().nullable(),
      documentId: Uuid,
      at: Timestamp,
    })
    .nullable(),
};

export const DeliverySchema = z.object(DeliveryFields).meta({ id: 'Delivery' });

export const TimelineEntrySchema = z
  .object({
    at: Timestamp,
    event: z.enum([
      'queued',
      'attempt',
      'dead_lettered',
      'resent',
      'receipt_stored',
      'partner_response',
      'declined',
    ]),
    seq: z.number().int().optional(),
    documentType: z.string().optional(),
    attempt: z.number().int().optional().describe('attempt: its number since the last resend.'),
    outcome: z.enum(['delivered', 'refused', 'network_error', 'breaker_open']).optional(),
    httpStatus: z.number().int().optional().describe('attempt refused: the receiver’s HTTP status.'),
    reason: z
      .string()
      .optional()
      .describe(
        'attempt refused: the receiver’s reason; dead_lettered: last error; declined: the receiver’s ' +
          'reason code (unknown_sender).',
      ),
    error: z.string().optional().describe('attempt network_error: the error text.'),
    retryAt: Timestamp.optional().describe('failed attempt or breaker_open: when the next attempt is due.'),
    receivedAt: Timestamp.optional(),
    receiptStatus: z.string().optional(),
    code: z.string().optional(),
    description: z.string().nullable().optional(),
    documentId: Uuid.optional(),
    issues: z.number().int().optional().describe('partner_response: how many issues it lists.'),
    backfilled: z.boolean().optional().describe('Reconstructed for a message older than the timeline.'),
  })
  .meta({ id: 'DeliveryTimelineEntry' });

export const OutboxMessageSchema = z
  .object({ ...DeliveryFields, timeline: z.array(TimelineEntrySchema) })
  .meta({ id: 'OutboxMessage' });

export const DeliveryListSchema = listOf(DeliverySchema).meta({ id: 'DeliveryList' });
