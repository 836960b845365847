// Use case: the documents of one of the caller's orders, oldest first.
import { requirePermission } from '../../domain/company-types.ts';
import { notFound } from '../../domain/errors.ts';
import type { DocumentRecord } from '../../storage/documents-repository.ts';
import type { Caller, Deps } from '../deps.ts';

export async function listOrderDocuments(
  deps: Deps,
  caller: Caller,
  orderId: string,
): Promise<DocumentRecord[]> {
  requirePermission(caller.role, 'read');
  if (!(await deps.store.orders.get(caller.companyId, orderId))) throw notFound('order', orderId);
  return deps.store.documents.listByOrder(caller.companyId, orderId);
}
