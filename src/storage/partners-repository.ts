// Remote partners (companies hosted on another node) and the Ed25519 keys of every company: own signing
// keys for hosted companies, pinned public keys for remote partners.
import type { JWK } from 'jose';
import type { Db } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

export interface RemotePartner {
  companyId: string;
  /** ISO 6523 participant id, `scheme:value`. */
  participant: string;
  /** Base URL of the partner's node. */
  endpointUrl: string;
  documentTypes: string[];
  addedAt: string;
}

export interface StoredKey {
  companyId: string;
  kid: string;
  publicJwk: JWK;
  /** Only for keys of companies hosted here. */
  privateJwk: JWK | null;
  validFrom: string;
  validUntil: string | null;
}

interface PartnerRow {
  company_id: string;
  participant: string;
  endpoint_url: string;
  document_types: string[];
  added_at: unknown;
}

interface KeyRow {
  company_id: string;
  kid: string;
  public_jwk: JWK;
  private_jwk: JWK | null;
  valid_from: unknown;
  valid_until: unknown;
}

const toPartner = (r: PartnerRow): RemotePartner => ({
  companyId: r.company_id,
  participant: r.participant,
  endpointUrl: r.endpoint_url,
  documentTypes: r.document_types,
  addedAt: iso(r.added_at),
});

const toKey = (r: KeyRow): StoredKey => ({
  companyId: r.company_id,
  kid: r.kid,
  publicJwk: r.public_jwk,
  privateJwk: r.private_jwk,
  validFrom: iso(r.valid_from),
  validUntil: isoOrNull(r.valid_until),
});

export class PartnersRepository {
  readonly #db: Db;
  /**
   * Keys read within one transaction, by company: sending a change reads the sender's keys to sign, the
   * on-node receiver the same keys to verify, and the receipt the receiver's. Only for a transaction's
   * repositories, which live as long as it; any write through this repository clears it.
   */
  readonly #keys: Map<string, StoredKey[]> | null;
  constructor(db: Db, options: { memo?: boolean } = {}) {
    this.#db = db;
    this.#keys = options.memo ? new Map() : null;
  }

  async insertRemote(p: RemotePartner): Promise<void> {
    this.#keys?.clear();
    await this.#db.query(
      `INSERT INTO remote_partners (company_id, participant, endpoint_url, document_types, added_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [p.companyId, p.participant, p.endpointUrl, JSON.stringify(p.documentTypes), p.addedAt],
    );
  }

  /** The remote partner record of a company; null for companies hosted on this node. */
  async getRemote(companyId: string): Promise<RemotePartner | null> {
    const r = await this.#db.query<PartnerRow>('SELECT * FROM remote_partners WHERE company_id = $1', [
      companyId,
    ]);
    return r.rows[0] ? toPartner(r.rows[0]) : null;
  }

  async listRemote(): Promise<RemotePartner[]> {
    const r = await this.#db.query<PartnerRow>('SELECT * FROM remote_partners ORDER BY participant');
    return r.rows.map(toPartner);
  }

  async insertKey(k: StoredKey): Promise<void> {
    this.#keys?.clear();
    await this.#db.query(
      `INSERT INTO signing_keys (company_id, kid, public_jwk, private_jwk, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (company_id, kid) DO NOTHING`,
      [
        k.companyId,
        k.kid,
        JSON.stringify(k.publicJwk),
        k.privateJwk ? JSON.stringify(k.privateJwk) : null,
        k.validFrom,
        k.validUntil,
      ],
    );
  }

  /** Ends (or, with null, reopens) the validity of a key (rotation keeps the old key valid for a while). */
  async expireKey(companyId: string, kid: string, validUntil: string | null): Promise<void> {
    this.#keys?.clear();
    await this.#db.query('UPDATE signing_keys SET valid_until = $3 WHERE company_id = $1 AND kid = $2', [
      companyId,
      kid,
      validUntil,
    ]);
  }

  /** When the last applied key announcement of a remote partner was issued; null when none was. */
  async keysAnnouncedAt(companyId: string): Promise<string | null> {
    const r = await this.#db.query<{ keys_announced_at: unknown }>(
      'SELECT keys_announced_at FROM remote_partners WHERE company_id = $1',
      [companyId],
    );
    return isoOrNull(r.rows[0]?.keys_announced_at ?? null);
  }

  /** Records that a remote partner's key announcement issued at `issuedAt` was applied. */
  async setKeysAnnouncedAt(companyId: string, issuedAt: string): Promise<void> {
    this.#keys?.clear();
    await this.#db.query('UPDATE remote_partners SET keys_announced_at = $2 WHERE company_id = $1', [
      companyId,
      issuedAt,
    ]);
  }

  /** All keys of a company, newest first. */
  async keys(companyId: string): Promise<StoredKey[]> {
    const kept = this.#keys?.get(companyId);
    if (kept) return [...kept];
    const r = await this.#db.query<KeyRow>(
      'SELECT * FROM signing_keys WHERE company_id = $1 ORDER BY valid_from DESC, kid',
      [companyId],
    );
    const keys = r.rows.map(toKey);
    this.#keys?.set(companyId, keys);
    return [...keys];
  }

  /** Hosted companies (no remote partner record) that have no signing key yet. */
  async hostedWithoutKeys(): Promise<string[]> {
    const r = await this.#db.query<{ id: string }>(
      `SELECT c.id FROM companies c
        WHERE NOT EXISTS (SELECT 1 FROM remote_partners p WHERE p.company_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM signing_keys k WHERE k.company_id = c.id AND k.private_jwk IS NOT NULL)
        ORDER BY c.id`,
    );
    return r.rows.map((x) => x.id);
  }
}
