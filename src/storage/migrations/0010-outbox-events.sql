-- Delivery timeline (docs/network.md): every delivery event of an outbox message, append-only, written
-- in the same statement as the outbox change it records. event: queued | attempt (detail.outcome:
-- delivered, refused, network_error, breaker_open) | dead_lettered | resent | receipt_stored |
-- partner_response. The identity orders events that share a timestamp.
CREATE TABLE outbox_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  message_id uuid NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  event text NOT NULL CHECK (
    event IN ('queued', 'attempt', 'dead_lettered', 'resent', 'receipt_stored', 'partner_response')
  ),
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX outbox_events_message ON outbox_events (company_id, message_id, id);

-- Messages written before the timeline existed start with what their row still tells.
INSERT INTO outbox_events (company_id, message_id, at, event, detail)
  SELECT company_id, id, created_at, 'queued', '{"backfilled": true}' FROM outbox ORDER BY created_at, seq;
INSERT INTO outbox_events (company_id, message_id, at, event, detail)
  SELECT company_id, id, delivered_at, 'receipt_stored', '{"backfilled": true}' FROM outbox
   WHERE status = 'delivered' AND delivered_at IS NOT NULL ORDER BY delivered_at;
