// Documents: what the node keeps about a UBL document it received (metadata, what it did, the
// validator's findings) and the query of an order's export as UBL.
import { z } from 'zod';
import { ORDER_EXPORT_TYPES } from '../../documents/ubl-vocabulary.ts';
import { DateString, listOf, Timestamp, Uuid } from './common-schemas.ts';

export const FindingSchema = z
  .object({
    rule: z
      .string()
      .describe('Official rule id (e.g. PEPPOL-T01-R003, BR-CO-10) or Schakel’s own (SCHAKEL-…).'),
    severity: z.enum(['fatal', 'warning']),
    location: z.string().describe('XPath of the element concerned.'),
    line: z.number().int().nullable(),
    column: z.number().int().nullable(),
    message: z.object({ nl: z.string(), en: z.string() }),
  })
  .meta({ id: 'Finding' });

export const DocumentSchema = z
  .object({
    id: Uuid,
    documentType: z
      .string()
      .describe('Order, OrderResponse, OrderResponseAdvanced, OrderAgreement, OrderChange, …'),
    profile: z
      .string()
      .nullable()
      .describe('The rule set the validator applied, e.g. peppol-t01, peppol-billing, scsn, ubl.'),
    customizationId: z.string().nullable(),
    number: z.string().describe('The document’s own ID (cbc:ID).'),
    issueDate: DateString.nullable(),
    direction: z
      .enum(['sent', 'received'])
      .describe('sent: your company posted it; received: a partner’s document.'),
    status: z
      .enum(['processed', 'recorded', 'rejected'])
      .describe(
        'processed: applied to orders; recorded: kept without changing an order; rejected: refused by the validator.',
      ),
    orderId: Uuid.nullable().describe('The (first) order the document is about.'),
    orderIds: z.array(Uuid),
    partnerCompanyId: Uuid.nullable(),
    sha256: z.string().describe('SHA-256 of the original bytes (hex).'),
    byteSize: z.number().int(),
    findings: z
      .array(FindingSchema)
      .describe('The validator’s findings (warnings for an accepted document).'),
    summary: z
      .record(z.string(), z.unknown())
      .describe('What the document did, e.g. {action: "answered", accepted: 2}.'),
    partnerResponse: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('The partner’s message level response (MLR) to this document, when one arrived.'),
    createdAt: Timestamp,
  })
  .meta({ id: 'Document' });

export const ValidationResultSchema = z
  .object({
    documentType: z
      .string()
      .describe('The root element (Order, Invoice, …), or "unknown" when the body is not a UBL document.'),
    profile: z
      .string()
      .nullable()
      .describe('The rule set applied, e.g. peppol-t01, scsn, ubl; null when the body is not readable XML.'),
    valid: z.boolean().describe('True when no finding is fatal.'),
    findings: z.array(FindingSchema).describe('Every finding, top to bottom as the document reads.'),
  })
  .meta({ id: 'ValidationResult' });

export const DocumentListResponse = listOf(DocumentSchema);

export const ExportQuery = z.strictObject({
  type: z.enum(ORDER_EXPORT_TYPES).describe('The document to write from the order’s current state.'),
  profile: z
    .enum(['peppol', 'scsn', 'ubl'])
    .optional()
    .describe('Default: Peppol BIS 3 where the type exists in it, else plain UBL.'),
  ref: z
    .string()
    .max(100)
    .optional()
    .describe('DespatchAdvice: the despatch number; Invoice: the invoice number. Default: the latest.'),
  vat: z
    .string()
    .max(10)
    .optional()
    .describe('Invoice only: VAT category and rate as CATEGORY:PERCENT (S:21, Z:0, E, AE, O); default S:21.'),
});

/** An XML document as a response body. */
export const XmlBody = z.string().describe('A UBL 2.1 document (application/xml), byte for byte.');
