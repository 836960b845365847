// The directory role: participant cards other nodes registered here, stored as the participant signed
// them (the card proof) and served unchanged.
import type { Db } from './db.ts';
import { iso } from './rows.ts';

export interface DirectoryEntry {
  /** ISO 6523 participant id, `scheme:value`. */
  participant: string;
  /** The signed card: a JWS in General JSON serialisation (see src/network/card-proof.ts). */
  proof: unknown;
  /** When the participant issued this card; a registration must be newer than the stored one. */
  issuedAt: string;
  registeredAt: string;
  updatedAt: string;
}

interface EntryRow {
  participant: string;
  proof: unknown;
  issued_at: unknown;
  registered_at: unknown;
  updated_at: unknown;
}

const toEntry = (r: EntryRow): DirectoryEntry => ({
  participant: r.participant,
  proof: r.proof,
  issuedAt: iso(r.issued_at),
  registeredAt: iso(r.registered_at),
  updatedAt: iso(r.updated_at),
});

export class DirectoryRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async get(participant: string): Promise<DirectoryEntry | null> {
    const r = await this.#db.query<EntryRow>('SELECT * FROM directory_cards WHERE participant = $1', [
      participant,
    ]);
    return r.rows[0] ? toEntry(r.rows[0]) : null;
  }

  /** Locks the participant's entry (or its absence) until the transaction ends. */
  async lock(participant: string): Promise<void> {
    await this.#db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`directory:${participant}`]);
  }

  /** Stores a registration; an existing entry keeps its registered_at. */
  async put(e: DirectoryEntry): Promise<void> {
    await this.#db.query(
      `INSERT INTO directory_cards (participant, proof, issued_at, registered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (participant) DO UPDATE SET proof = $2, issued_at = $3, updated_at = $5`,
      [e.participant, JSON.stringify(e.proof), e.issuedAt, e.registeredAt, e.updatedAt],
    );
  }
}
