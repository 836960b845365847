// Finding the order copy a document is about: by the buyer's order number, in the sending company's
// copies of the right role. A seller may hold the same number from two buyers; the buyer the document
// names then tells them apart.
import { DomainError } from '../../domain/errors.ts';
import type { Order, Role } from '../../domain/order-types.ts';
import { describeIdentifiers, type PartyRef } from '../../documents/party-reader.ts';
import type { Repositories } from '../../storage/store.ts';
import { findPartyCompany } from './match-party.ts';

export async function findDocumentOrder(
  tx: Repositories,
  companyId: string,
  role: Role,
  number: string,
  partner: PartyRef | null,
): Promise<Order> {
  let candidates = await tx.documents.findOrders(companyId, role, number);
  if (candidates.length > 1 && partner) {
    const company = await findPartyCompany(tx, partner);
    if (company) candidates = candidates.filter((c) => c.partnerCompanyId === company.id);
  }
  if (candidates.length === 0) {
    // Some official examples (Peppol ordering UC2 and the response UC1) name one party twice; say so
    // rather than only that the order is missing: such an order could never have been issued.
    if (partner && (await findPartyCompany(tx, partner))?.id === companyId) {
      throw new DomainError(
        'validation_failed',
        `the ${partner.label} at ${partner.path} has the sender's own identifiers (${describeIdentifiers(partner)}): an order in Schakel is between two companies, so there is no order ${number} between them`,
        { field: partner.path, number },
      );
    }
    throw new DomainError(
      'not_found',
      `there is no ${role === 'buyer' ? 'purchase' : 'sales'} order with number ${number}${partner ? ` for the ${partner.label}` : ''}`,
      { field: 'cac:OrderReference/cbc:ID', number },
    );
  }
  if (candidates.length > 1) {
    throw new DomainError(
      'conflict',
      `order number ${number} is used by ${candidates.length} buyers; the document must name its buyer so that Schakel can tell the orders apart`,
      { field: 'cac:OrderReference/cbc:ID' },
    );
  }
  const order = await tx.orders.get(companyId, candidates[0]!.id);
  if (!order) throw new DomainError('not_found', `order ${number} not found`, { number });
  return order;
}
