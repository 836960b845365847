-- Node-to-node network (issue 4, first slice): signing keys, remote partners with pinned keys, the
-- outbox of signed envelopes and the inbox of received ones. See docs/network.md.

-- A company hosted on another node is still a row in companies (orders reference it), marked by a
-- remote_partners row that says where its node is. Remote companies have no users or tokens.
CREATE TABLE remote_partners (
  company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
  participant text NOT NULL UNIQUE,
  endpoint_url text NOT NULL,
  document_types jsonb NOT NULL DEFAULT '[]',
  added_at timestamptz NOT NULL DEFAULT now()
);

-- Ed25519 keys. For hosted companies private_jwk holds the signing key; for remote partners only the
-- pinned public key is kept (private_jwk NULL). Several keys may be valid at once (rotation).
CREATE TABLE signing_keys (
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  kid text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk jsonb,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz,
  PRIMARY KEY (company_id, kid)
);

-- Envelopes to deliver. id = the envelope's message ID (UUIDv7), kept across resends.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  peer_company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  document_type text NOT NULL,
  endpoint_url text NOT NULL,
  envelope text NOT NULL,
  -- pending: to deliver; delivered: the receiver's signed receipt is stored; dead: gave up (task list).
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  receipt text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  UNIQUE (company_id, conversation_id, seq)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

-- Envelopes received. (sender, message_id) is unique: a resend is a duplicate, never applied twice.
-- Within one (sender, receiver, conversation) envelopes are applied in seq order; early ones wait (parked).
CREATE TABLE inbox (
  sender text NOT NULL,
  message_id uuid NOT NULL,
  receiver_company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  sender_company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  document_type text NOT NULL,
  envelope text NOT NULL,
  -- parked: waits for an earlier seq; applied: changed the receiver's copy; failed: a business problem
  -- (kept with its reason; a MessageLevelResponse goes back to the sender).
  status text NOT NULL CHECK (status IN ('parked', 'applied', 'failed')),
  result jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL,
  processed_at timestamptz,
  PRIMARY KEY (sender, message_id),
  UNIQUE (receiver_company_id, sender_company_id, conversation_id, seq)
);
