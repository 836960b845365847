// Writes an order's current state as a document of the requested type (the writer of each type says
// what it states and what it leaves out).
import { DomainError } from '../domain/errors.ts';
import { writeDespatchAdvice } from './despatch-advice-writer.ts';
import type { ExportContext } from './export-context.ts';
import { writeInvoice } from './invoice-writer.ts';
import { writeOrderCancellation } from './order-cancellation-writer.ts';
import { writeOrderChange } from './order-change-writer.ts';
import { writeOrderResponse } from './order-response-writer.ts';
import { writeOrder } from './order-writer.ts';
import { writeReceiptAdvice } from './receipt-advice-writer.ts';
import type { OrderExportType } from './ubl-vocabulary.ts';

/** Which profiles each type can be written in. */
export const EXPORT_PROFILES: Record<OrderExportType, readonly ('peppol' | 'scsn' | 'ubl')[]> = {
  Order: ['peppol', 'scsn', 'ubl'],
  OrderResponse: ['peppol', 'scsn', 'ubl'],
  OrderResponseAdvanced: ['peppol'],
  OrderAgreement: ['peppol'],
  OrderChange: ['peppol', 'ubl'],
  OrderCancellation: ['peppol', 'ubl'],
  DespatchAdvice: ['peppol', 'ubl'],
  ReceiptAdvice: ['ubl'],
  Invoice: ['peppol'],
};

export function writeDocument(type: OrderExportType, ctx: ExportContext): string {
  if (!EXPORT_PROFILES[type].includes(ctx.profile)) {
    throw new DomainError(
      'validation_failed',
      `${type} can be written as ${EXPORT_PROFILES[type].join(' or ')}, not ${ctx.profile}`,
      { field: 'profile' },
    );
  }
  switch (type) {
    case 'Order':
      return writeOrder(ctx);
    case 'OrderResponse':
    case 'OrderResponseAdvanced':
    case 'OrderAgreement':
      return writeOrderResponse(ctx, type);
    case 'OrderChange':
      return writeOrderChange(ctx);
    case 'OrderCancellation':
      return writeOrderCancellation(ctx);
    case 'DespatchAdvice':
      return writeDespatchAdvice(ctx);
    case 'ReceiptAdvice':
      return writeReceiptAdvice(ctx);
    case 'Invoice':
      return writeInvoice(ctx);
  }
}

/** The profile a type is written in when the caller names none: Peppol where it exists, else plain UBL. */
export const defaultProfile = (type: OrderExportType): 'peppol' | 'ubl' =>
  EXPORT_PROFILES[type].includes('peppol') ? 'peppol' : 'ubl';
