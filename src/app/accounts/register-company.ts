// Use case: register a company hosted on this node (CLI, demo, admin).
import type { Company, CompanyIdentifier } from '../../domain/company-types.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import type { Deps } from '../deps.ts';
import { createSigningKey } from '../partners/index.ts';

export interface RegisterCompanyInput {
  name: string;
  /** `scheme:value` identifiers; the first is primary. */
  identifiers: string[];
  city?: string | null | undefined;
  country?: string | null | undefined;
}

/** Creates a company; an identifier already held by another company is a conflict. */
export async function registerCompany(deps: Deps, input: RegisterCompanyInput): Promise<Company> {
  const name = input.name?.trim();
  if (!name) throw invalid('name', 'company name is required');
  if (!input.identifiers?.length)
    throw invalid(
      'identifiers',
      'a company needs at least one identifier (scheme:value), e.g. 0106:12345678 for a KvK number',
    );
  const identifiers: CompanyIdentifier[] = input.identifiers.map((text, i) => ({
    ...parseIdentifier(text, `identifiers[${i}]`),
    primary: i === 0,
  }));
  const country = input.country?.trim().toUpperCase() || null;
  if (country && !/^[A-Z]{2}$/.test(country))
    throw invalid('country', 'country is an ISO 3166-1 alpha-2 code such as NL');
  const company: Company = { id: deps.newId(), name, city: input.city?.trim() || null, country, identifiers };
  return deps.store.transaction(async (tx) => {
    for (const i of identifiers) {
      const holder = await tx.companies.findByIdentifier(i.scheme, i.value);
      if (holder)
        throw new DomainError(
          'conflict',
          `identifier ${i.scheme}:${i.value} already belongs to ${holder.name}`,
          { field: 'identifiers' },
        );
    }
    await tx.companies.insert(company);
    await createSigningKey(tx, company.id, deps.now().toISOString());
    return company;
  });
}
