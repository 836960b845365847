// Companies and their identifiers.
import type { Company, CompanyIdentifier } from '../domain/company-types.ts';
import { DomainError } from '../domain/errors.ts';
import { type Db, PG_UNIQUE_VIOLATION, sqlState } from './db.ts';

interface CompanyRow {
  id: string;
  name: string;
  city: string | null;
  country: string | null;
  identifiers: CompanyIdentifier[] | null;
}

const SELECT = `SELECT c.id, c.name, c.city, c.country,
  (SELECT json_agg(json_build_object('scheme', i.scheme, 'value', i.value, 'primary', i.is_primary) ORDER BY i.is_primary DESC, i.scheme, i.value)
     FROM company_identifiers i WHERE i.company_id = c.id) AS identifiers
  FROM companies c`;

const toCompany = (r: CompanyRow): Company => ({ ...r, identifiers: r.identifiers ?? [] });

export class CompaniesRepository {
  readonly #db: Db;
  /**
   * Companies read within one transaction, by id: a use case and the delivery to the partner read the
   * same two companies several times (the order, its document, its envelope). Only for a transaction's
   * repositories, which live as long as it; any write through this repository clears it.
   */
  readonly #read: Map<string, Company | null> | null;
  constructor(db: Db, options: { memo?: boolean } = {}) {
    this.#db = db;
    this.#read = options.memo ? new Map() : null;
  }

  /** Inserts a company with its identifiers (the first is primary unless one says otherwise); all or nothing. */
  async insert(company: Company): Promise<void> {
    this.#read?.clear();
    await this.#db.transaction(async (db) => {
      await db.query('INSERT INTO companies (id, name, city, country) VALUES ($1, $2, $3, $4)', [
        company.id,
        company.name,
        company.city,
        company.country,
      ]);
      const within = new CompaniesRepository(db);
      for (const i of company.identifiers) await within.addIdentifier(company.id, i);
    });
  }

  async addIdentifier(companyId: string, i: CompanyIdentifier): Promise<void> {
    this.#read?.clear();
    try {
      await this.#db.query(
        'INSERT INTO company_identifiers (scheme, value, company_id, is_primary) VALUES ($1, $2, $3, $4)',
        [i.scheme, i.value, companyId, i.primary],
      );
    } catch (e) {
      // Two registrations racing for one identifier: the loser gets a conflict, not a 500.
      if (sqlState(e) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(
          'conflict',
          `identifier ${i.scheme}:${i.value} already belongs to another company`,
          { field: 'identifiers' },
        );
      }
      throw e;
    }
  }

  async get(id: string): Promise<Company | null> {
    if (this.#read?.has(id)) return structuredClone(this.#read.get(id)!);
    const r = await this.#db.query<CompanyRow>(`${SELECT} WHERE c.id = $1`, [id]);
    return this.#remember(id, r.rows[0] ? toCompany(r.rows[0]) : null);
  }

  #remember(id: string, company: Company | null): Company | null {
    this.#read?.set(id, structuredClone(company));
    return company;
  }

  /** The company that holds identifier scheme:value on this node. */
  async findByIdentifier(scheme: string, value: string): Promise<Company | null> {
    const r = await this.#db.query<CompanyRow>(
      `${SELECT} WHERE c.id = (SELECT company_id FROM company_identifiers WHERE scheme = $1 AND value = $2)`,
      [scheme, value],
    );
    const company = r.rows[0] ? toCompany(r.rows[0]) : null;
    return company ? this.#remember(company.id, company) : null;
  }

  async list(): Promise<Company[]> {
    return (await this.#db.query<CompanyRow>(`${SELECT} ORDER BY c.name`)).rows.map(toCompany);
  }

  async update(company: Pick<Company, 'id' | 'name' | 'city' | 'country'>): Promise<void> {
    this.#read?.clear();
    await this.#db.query('UPDATE companies SET name = $2, city = $3, country = $4 WHERE id = $1', [
      company.id,
      company.name,
      company.city,
      company.country,
    ]);
  }
}
