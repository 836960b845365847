// Reads any supported document: detects its type and profile, then hands it to the reader of that type.
import type { ReadDocument } from './document-model.ts';
import { detectDocument, type DetectedDocument } from './document-detection.ts';
import { readApplicationResponse } from './application-response-reader.ts';
import { readDespatchAdvice } from './despatch-advice-reader.ts';
import { readInvoice } from './invoice-reader.ts';
import { readOrderCancellation } from './order-cancellation-reader.ts';
import { readOrderChange } from './order-change-reader.ts';
import { readOrder } from './order-reader.ts';
import { readOrderResponse } from './order-response-reader.ts';
import { readReceiptAdvice } from './receipt-advice-reader.ts';
import type { XmlElement } from './xml-tree.ts';

/** Reads a parsed document into Schakel's terms; throws a validation error listing what is missing. */
export function readDocument(
  root: XmlElement,
  detected: DetectedDocument = detectDocument(root),
): ReadDocument {
  switch (detected.documentType) {
    case 'Order':
      return readOrder(root, detected);
    case 'OrderResponse':
    case 'OrderResponseAdvanced':
    case 'OrderAgreement':
      return readOrderResponse(root, detected);
    case 'OrderChange':
      return readOrderChange(root, detected);
    case 'OrderCancellation':
      return readOrderCancellation(root, detected);
    case 'DespatchAdvice':
      return readDespatchAdvice(root, detected);
    case 'ReceiptAdvice':
      return readReceiptAdvice(root, detected);
    case 'Invoice':
    case 'CreditNote':
      return readInvoice(root, detected);
    case 'MessageLevelResponse':
      return readApplicationResponse(root, detected);
  }
}
