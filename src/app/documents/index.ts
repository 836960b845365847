// The documents capability: UBL documents a company's own system hands its node (import: check the
// sender, validate, read, apply to orders, keep the bytes), documents checked without keeping them,
// documents written from an order's state (export), and the one map of documents to order actions
// (document-actions.ts) that documents from partners go through as well. The entry file: other folders
// import the documents capability from here only.
export { applyDocument, type Applied } from './apply-document.ts';
export { checkDocument, type CheckOptions } from './check-document.ts';
export {
  ACTION_DOCUMENT,
  actsOnOrder,
  checkDocumentSubject,
  orderEffectOf,
  orderNumbersOf,
  type ActingDocument,
  type OrderEffect,
} from './document-actions.ts';
export { locatedIn } from './document-error-location.ts';
export { exportDocumentResponse } from './export-document-response.ts';
export {
  exportLoadedOrder,
  exportOrderDocument,
  writeOrderDocument,
  type ExportedDocument,
  type ExportOptions,
} from './export-order-document.ts';
export { getDocument, getDocumentContent } from './get-document.ts';
export { importDocument, sha256Hex, type ImportOptions, type ImportResult } from './import-document.ts';
export { listOrderDocuments } from './list-order-documents.ts';
