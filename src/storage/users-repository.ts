// Users, web sessions and API tokens. Secrets are never stored: only their SHA-256 hashes.
import type { User, UserRole } from '../domain/company-types.ts';
import { DomainError } from '../domain/errors.ts';
import { type Db, PG_UNIQUE_VIOLATION, sqlState } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

export interface UserWithHash extends User {
  passwordHash: string;
  disabled: boolean;
}

export interface ApiTokenInfo {
  id: string;
  companyId: string;
  name: string;
  prefix: string;
  role: UserRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface UserRow {
  id: string;
  company_id: string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  disabled_at: unknown;
}

const toUser = (r: UserRow): UserWithHash => ({
  id: r.id,
  companyId: r.company_id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled_at !== null,
});

interface TokenRow {
  id: string;
  company_id: string;
  name: string;
  prefix: string;
  role: UserRole;
  created_at: unknown;
  last_used_at: unknown;
  revoked_at: unknown;
}

const toToken = (r: TokenRow): ApiTokenInfo => ({
  id: r.id,
  companyId: r.company_id,
  name: r.name,
  prefix: r.prefix,
  role: r.role,
  createdAt: iso(r.created_at),
  lastUsedAt: isoOrNull(r.last_used_at),
  revokedAt: isoOrNull(r.revoked_at),
});

export class UsersRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async insert(user: User, passwordHash: string): Promise<void> {
    try {
      await this.#db.query(
        'INSERT INTO users (id, company_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [user.id, user.companyId, user.email, user.name, user.role, passwordHash],
      );
    } catch (e) {
      if (sqlState(e) === PG_UNIQUE_VIOLATION) {
        throw new DomainError('conflict', `a user with e-mail ${user.email} already exists`, {
          field: 'email',
        });
      }
      throw e;
    }
  }

  async findByEmail(email: string): Promise<UserWithHash | null> {
    const r = await this.#db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    return r.rows[0] ? toUser(r.rows[0]) : null;
  }

  async listByCompany(companyId: string): Promise<User[]> {
    const r = await this.#db.query<UserRow>('SELECT * FROM users WHERE company_id = $1 ORDER BY name', [
      companyId,
    ]);
    return r.rows.map(toUser).map(({ passwordHash: _h, disabled: _d, ...u }) => u);
  }

  async createSession(
    tokenHash: string,
    userId: string,
    companyId: string,
    expiresAt: string,
  ): Promise<void> {
    await this.#db.query(
      'INSERT INTO sessions (token_hash, user_id, company_id, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, userId, companyId, expiresAt],
    );
  }

  /** The live session's user, or null when unknown, expired or the user is disabled. */
  async findSessionUser(tokenHash: string): Promise<(User & { companyName: string }) | null> {
    const r = await this.#db.query<UserRow & { company_name: string }>(
      `SELECT u.*, c.name AS company_name FROM sessions s JOIN users u ON u.id = s.user_id JOIN companies c ON c.id = u.company_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    const row = r.rows[0];
    return row ? { ...toUser(row), companyName: row.company_name } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async insertToken(t: {
    id: string;
    companyId: string;
    name: string;
    prefix: string;
    role: UserRole;
    tokenHash: string;
    createdBy: string | null;
  }): Promise<void> {
    await this.#db.query(
      'INSERT INTO api_tokens (id, company_id, name, prefix, role, token_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [t.id, t.companyId, t.name, t.prefix, t.role, t.tokenHash, t.createdBy],
    );
  }

  /** Resolves a live token by hash and records its use (at most once a minute, to keep reads cheap). */
  async useToken(tokenHash: string): Promise<(ApiTokenInfo & { companyName: string }) | null> {
    // One query on the hot path of every API call: the token with its company's name.
    const r = await this.#db.query<TokenRow & { company_name: string }>(
      `SELECT t.*, c.name AS company_name FROM api_tokens t JOIN companies c ON c.id = t.company_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    const row = r.rows[0];
    if (!row) return null;
    const lastUsed = row.last_used_at === null ? 0 : Date.parse(iso(row.last_used_at));
    // Recording every use would turn each read into a write; once a minute is enough to see activity.
    if (Date.now() - lastUsed > 60_000) {
      await this.#db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.id]);
    }
    return { ...toToken(row), companyName: row.company_name };
  }

  async listTokens(companyId: string): Promise<ApiTokenInfo[]> {
    const r = await this.#db.query<TokenRow>(
      'SELECT * FROM api_tokens WHERE company_id = $1 ORDER BY created_at DESC',
      [companyId],
    );
    return r.rows.map(toToken);
  }

  /** Revokes a company's token; false when the company has no such live token. */
  async revokeToken(companyId: string, id: string): Promise<boolean> {
    const r = await this.#db.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE company_id = $1 AND id = $2 AND revoked_at IS NULL',
      [companyId, id],
    );
    return r.rowCount > 0;
  }
}
