// Matching a party named in a document to a company hosted on this node, by its identifiers (ISO 6523
// scheme and value): EndpointID first, then PartyIdentification, the legal entity's CompanyID and the
// VAT number; the first identifier a company holds decides. An unknown party is an error that says
// exactly which identifiers were looked for.
import type { Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeIdentifiers, type PartyRef } from '../../documents/party-reader.ts';
import type { Repositories } from '../../storage/store.ts';

/** The company that holds one of the party's identifiers, or null. */
export async function findPartyCompany(tx: Repositories, party: PartyRef): Promise<Company | null> {
  for (const id of party.identifiers) {
    const company = await tx.companies.findByIdentifier(id.scheme, id.value);
    if (company) return company;
  }
  return null;
}

/** The company behind a party; a party no company on this node holds is a validation error naming what was looked for. */
export async function matchParty(tx: Repositories, party: PartyRef): Promise<Company> {
  const company = await findPartyCompany(tx, party);
  if (company) return company;
  throw new DomainError(
    'validation_failed',
    `no company on this node is the ${party.label}${party.name ? ` "${party.name}"` : ''} at ${party.path}: looked for ${describeIdentifiers(party)}`,
    { field: party.path, identifiers: party.identifiers },
  );
}

/** True when the company holds one of the party's identifiers. */
export const isParty = (company: Company, party: PartyRef): boolean =>
  party.identifiers.some((p) =>
    company.identifiers.some((i) => i.scheme === p.scheme && i.value === p.value),
  );
