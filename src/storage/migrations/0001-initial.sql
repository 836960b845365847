-- Schakel schema v1. One dialect for PGlite and PostgreSQL.
-- Every row that belongs to a company carries company_id; every query filters on it.

CREATE TABLE companies (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  city text,
  country text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- ISO 6523 identifiers (scheme:value); one identifier names one company on this node.
CREATE TABLE company_identifiers (
  scheme text NOT NULL,
  value text NOT NULL,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  is_primary boolean NOT NULL DEFAULT false,
  PRIMARY KEY (scheme, value)
);
CREATE INDEX company_identifiers_company ON company_identifiers (company_id);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'purchasing', 'sales', 'viewer')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_company ON users (company_id);

-- Web sessions: only a hash of the cookie value is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- API tokens for ERP integrations: shown once, stored hashed, revocable, last use recorded.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'purchasing', 'sales', 'viewer')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_company ON api_tokens (company_id);

-- Each company's own copy of an order (role buyer or seller). Header fields that are queried are
-- columns; the rest is JSON. status and next_due_date are derived from the lines at every save.
CREATE TABLE orders (
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('buyer', 'seller')),
  partner_company_id uuid NOT NULL,
  partner_name text NOT NULL,
  number text NOT NULL,
  issue_date date NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL,
  next_due_date date,
  version integer NOT NULL CHECK (version > 0),
  header jsonb NOT NULL,
  invoices jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (company_id, id)
);
CREATE UNIQUE INDEX orders_buyer_number ON orders (company_id, number) WHERE role = 'buyer';
CREATE UNIQUE INDEX orders_seller_number ON orders (company_id, partner_company_id, number) WHERE role = 'seller';
CREATE INDEX orders_list ON orders (company_id, role, created_at DESC, id DESC);

CREATE TABLE order_lines (
  company_id uuid NOT NULL,
  order_id uuid NOT NULL,
  line_id text NOT NULL,
  position integer NOT NULL,
  state text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (company_id, order_id, line_id),
  FOREIGN KEY (company_id, order_id) REFERENCES orders (company_id, id) ON DELETE CASCADE
);
CREATE INDEX order_lines_state ON order_lines (company_id, state);

-- Despatches: one may cover lines of several orders.
CREATE TABLE despatches (
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  number text NOT NULL,
  despatch_date date NOT NULL,
  lines jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, number)
);

-- History: append-only (enforced below), per company copy.
CREATE TABLE order_events (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  order_id uuid NOT NULL,
  line_id text,
  type text NOT NULL,
  data jsonb NOT NULL,
  reason text,
  actor jsonb NOT NULL,
  document_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX order_events_order ON order_events (company_id, order_id, seq);

CREATE FUNCTION order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'order_events is append-only';
END
$$;
CREATE TRIGGER order_events_no_update BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION order_events_append_only();
CREATE TRIGGER order_events_no_truncate BEFORE TRUNCATE ON order_events
  FOR EACH STATEMENT EXECUTE FUNCTION order_events_append_only();
