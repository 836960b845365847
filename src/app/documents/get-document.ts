// Use cases: one document the caller's company sent or received — its record (metadata, what it did,
// the validator's findings) or its original bytes, byte for byte.
import { requirePermission } from '../../domain/company-types.ts';
import { notFound } from '../../domain/errors.ts';
import type { DocumentRecord } from '../../storage/documents-repository.ts';
import type { Caller, Deps } from '../deps.ts';

export async function getDocument(deps: Deps, caller: Caller, id: string): Promise<DocumentRecord> {
  requirePermission(caller.role, 'read');
  const doc = await deps.store.documents.get(caller.companyId, id);
  if (!doc) throw notFound('document', id);
  return doc;
}

export async function getDocumentContent(deps: Deps, caller: Caller, id: string): Promise<Uint8Array> {
  requirePermission(caller.role, 'read');
  const content = await deps.store.documents.content(caller.companyId, id);
  if (!content) throw notFound('document', id);
  return content;
}
