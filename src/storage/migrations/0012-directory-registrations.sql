-- Where each hosted company registered its signed card (docs/network.md, Directory node), so that the
-- node can register it again after a key rotation. The rotation's transaction marks the rows
-- 'refresh_due'; the running node pushes the new card (retries with backoff, the last error kept).
-- status: current (the directory holds a card signed by the company's newest key); refresh_due (a newer
-- card is to be pushed, at next_attempt_at); refresh_refused (the directory refused it for a reason a
-- retry does not change: no more attempts until a person registers again).
-- signed_by: kids of the keys that signed the card the directory accepted last; the directory takes a
-- newer card only while one of them is still valid (the refresh's deadline).
CREATE TABLE directory_registrations (
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  directory_url text NOT NULL,
  participant text NOT NULL,
  endpoint text NOT NULL,
  issued_at timestamptz NOT NULL,
  signed_by text[] NOT NULL,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('current', 'refresh_due', 'refresh_refused')),
  refresh_requested_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  PRIMARY KEY (company_id, directory_url)
);
CREATE INDEX directory_registrations_due ON directory_registrations (next_attempt_at)
  WHERE status = 'refresh_due';
