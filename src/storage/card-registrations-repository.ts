// Where this node's companies registered their signed cards (at directory nodes), and whether each
// directory still holds the current card. A key rotation marks a company's registrations due for a
// refresh in its own transaction; the running node claims due ones (FOR UPDATE SKIP LOCKED, leased, so
// several node processes on one PostgreSQL share the work), pushes the new card and records the outcome.
import type { Db } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

/**
 * current: the directory holds a card signed by the company's newest key; refresh_due: a newer card is
 * to be pushed (at nextAttemptAt); refresh_refused: the directory refused it for a reason another attempt
 * does not change, so the node stops trying until a person registers again.
 */
export type CardRegistrationStatus = 'current' | 'refresh_due' | 'refresh_refused';

export interface CardRegistration {
  companyId: string;
  /** The directory's base URL (no trailing slash). */
  directoryUrl: string;
  participant: string;
  /** This node's URL in the card, as partners reach it. */
  endpoint: string;
  /** issuedAt of the card the directory accepted last. */
  issuedAt: string;
  /** Kids of the keys that signed that card. */
  signedBy: string[];
  registeredAt: string;
  updatedAt: string;
  status: CardRegistrationStatus;
  /** Since when the directory's card is out of date (the first rotation not pushed yet). */
  refreshRequestedAt: string | null;
  /** Failed refresh attempts since then. */
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
}

/** A card a directory accepted, to record. */
export interface AcceptedCard {
  companyId: string;
  directoryUrl: string;
  participant: string;
  endpoint: string;
  issuedAt: string;
  signedBy: string[];
  at: string;
}

interface RegistrationRow {
  company_id: string;
  directory_url: string;
  participant: string;
  endpoint: string;
  issued_at: unknown;
  signed_by: string[];
  registered_at: unknown;
  updated_at: unknown;
  status: CardRegistrationStatus;
  refresh_requested_at: unknown;
  attempts: number;
  next_attempt_at: unknown;
  last_attempt_at: unknown;
  last_error: string | null;
}

const toRegistration = (r: RegistrationRow): CardRegistration => ({
  companyId: r.company_id,
  directoryUrl: r.directory_url,
  participant: r.participant,
  endpoint: r.endpoint,
  issuedAt: iso(r.issued_at),
  signedBy: r.signed_by,
  registeredAt: iso(r.registered_at),
  updatedAt: iso(r.updated_at),
  status: r.status,
  refreshRequestedAt: isoOrNull(r.refresh_requested_at),
  attempts: Number(r.attempts),
  nextAttemptAt: isoOrNull(r.next_attempt_at),
  lastAttemptAt: isoOrNull(r.last_attempt_at),
  lastError: r.last_error,
});

export class CardRegistrationsRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Records a card a directory accepted. It is current only if the company's newest key signed it: when
   * a rotation committed while the card was on its way, the registration stays due for a refresh (now),
   * so a race never leaves an old card marked current.
   */
  async recordAccepted(c: AcceptedCard): Promise<CardRegistration> {
    const r = await this.#db.query<RegistrationRow>(
      `INSERT INTO directory_registrations AS r (company_id, directory_url, participant, endpoint, issued_at,
         signed_by, registered_at, updated_at, status, refresh_requested_at, next_attempt_at, last_attempt_at)
       SELECT $1, $2, $3, $4, $5, $6::text[], $7, $7,
              CASE WHEN n.current THEN 'current' ELSE 'refresh_due' END,
              CASE WHEN n.current THEN NULL ELSE $7::timestamptz END,
              CASE WHEN n.current THEN NULL ELSE $7::timestamptz END,
              $7
         FROM (SELECT COALESCE((SELECT k.kid FROM signing_keys k
                                 WHERE k.company_id = $1 AND k.private_jwk IS NOT NULL
                                 ORDER BY k.valid_from DESC, k.kid LIMIT 1) = ANY($6::text[]), false) AS current) n
       ON CONFLICT (company_id, directory_url) DO UPDATE SET
         participant = EXCLUDED.participant, endpoint = EXCLUDED.endpoint, issued_at = EXCLUDED.issued_at,
         signed_by = EXCLUDED.signed_by, updated_at = EXCLUDED.updated_at,
         last_attempt_at = EXCLUDED.last_attempt_at, status = EXCLUDED.status,
         next_attempt_at = EXCLUDED.next_attempt_at,
         refresh_requested_at = CASE WHEN EXCLUDED.status = 'current' THEN NULL
                                     ELSE COALESCE(r.refresh_requested_at, EXCLUDED.refresh_requested_at) END,
         attempts = CASE WHEN EXCLUDED.status = 'current' THEN 0 ELSE r.attempts END,
         last_error = CASE WHEN EXCLUDED.status = 'current' THEN NULL ELSE r.last_error END
       RETURNING *`,
      [c.companyId, c.directoryUrl, c.participant, c.endpoint, c.issuedAt, c.signedBy, c.at],
    );
    return toRegistration(r.rows[0]!);
  }

  /**
   * Marks every registration of a company due for a refresh from `at` (in the rotation's transaction);
   * returns their directory URLs. A card that was already out of date stays so since the first time.
   */
  async markRefreshDue(companyId: string, at: string): Promise<string[]> {
    const r = await this.#db.query<{ directory_url: string }>(
      `UPDATE directory_registrations
          SET status = 'refresh_due', next_attempt_at = $2,
              refresh_requested_at = COALESCE(refresh_requested_at, $2)
        WHERE company_id = $1
        RETURNING directory_url`,
      [companyId, at],
    );
    return r.rows.map((x) => x.directory_url).sort();
  }

  /**
   * Claims up to `limit` refreshes due at `now`: rows another process holds are skipped, the claimed ones
   * are leased until `leaseUntil`.
   */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<CardRegistration[]> {
    const r = await this.#db.query<RegistrationRow>(
      `UPDATE directory_registrations r SET next_attempt_at = $2
         FROM (SELECT company_id, directory_url FROM directory_registrations
                WHERE status = 'refresh_due' AND next_attempt_at <= $1
                ORDER BY next_attempt_at, company_id, directory_url LIMIT $3
                FOR UPDATE SKIP LOCKED) due
        WHERE r.company_id = due.company_id AND r.directory_url = due.directory_url
        RETURNING r.*`,
      [now, leaseUntil, limit],
    );
    return r.rows.map(toRegistration);
  }

  /**
   * Records a failed refresh: tried again at `nextAttemptAt`, or — when null — refused for good. A
   * registration that is no longer due (a person registered meanwhile) is left as it is.
   */
  async recordFailure(
    companyId: string,
    directoryUrl: string,
    error: string,
    at: string,
    nextAttemptAt: string | null,
  ): Promise<void> {
    await this.#db.query(
      `UPDATE directory_registrations
          SET attempts = attempts + 1, last_error = $3, last_attempt_at = $4, next_attempt_at = $5,
              status = CASE WHEN $5::timestamptz IS NULL THEN 'refresh_refused' ELSE 'refresh_due' END
        WHERE company_id = $1 AND directory_url = $2 AND status = 'refresh_due'`,
      [companyId, directoryUrl, error, at, nextAttemptAt],
    );
  }

  /** A company's registrations, by directory URL. */
  async listByCompany(companyId: string): Promise<CardRegistration[]> {
    const r = await this.#db.query<RegistrationRow>(
      'SELECT * FROM directory_registrations WHERE company_id = $1 ORDER BY directory_url',
      [companyId],
    );
    return r.rows.map(toRegistration);
  }
}
