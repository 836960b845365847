// The task list: what needs the caller's company's attention now.
import { z } from 'zod';
import { TASK_ORDER } from '../../domain/tasks.ts';
import { listOf } from './common-schemas.ts';

export const TaskSchema = z
  .object({
    kind: z.enum(TASK_ORDER),
    orderId: z.string().describe('The order; empty for directory_refresh_failed (about no order).'),
    orderNumber: z.string(),
    partner: z.string().describe('Partner company name.'),
    lineIds: z.array(z.string()),
    since: z.string().describe('Oldest relevant moment (date or timestamp).'),
    invoiceId: z.string().optional(),
    messageId: z
      .string()
      .optional()
      .describe('Undelivered document: the outbox message ID (resend keeps it).'),
    documentType: z.string().optional().describe('Undelivered document: its type, e.g. OrderResponse.'),
    lastError: z
      .string()
      .nullable()
      .optional()
      .describe('Undelivered document or directory refresh: why the last attempt failed.'),
    directoryUrl: z
      .string()
      .optional()
      .describe('directory_refresh_failed: the directory that still holds the card with the old keys.'),
    refreshBefore: z
      .string()
      .nullable()
      .optional()
      .describe('directory_refresh_failed: after this moment that directory takes no newer card.'),
  })
  .meta({ id: 'Task' });

/** Most urgent kind first, oldest first within a kind. */
export const TaskListResponse = listOf(TaskSchema).describe('Tasks, most urgent first.');
