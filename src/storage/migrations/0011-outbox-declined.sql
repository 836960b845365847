-- A key announcement the receiving node refuses with unknown_sender (that node never pinned the company,
-- so it does not trade with it) is a final answer, not a failure (docs/network.md, Key announcements):
-- status 'declined', with a 'declined' event in the delivery timeline. It is not retried, not
-- dead-lettered, not a task and not outbox depth. Only key announcements get this status.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'delivered', 'dead', 'declined'));
ALTER TABLE outbox_events DROP CONSTRAINT outbox_events_event_check;
ALTER TABLE outbox_events ADD CONSTRAINT outbox_events_event_check CHECK (
  event IN ('queued', 'attempt', 'dead_lettered', 'resent', 'receipt_stored', 'partner_response', 'declined')
);

-- Announcements that already ended as dead letters for that reason were false alarms (tasks): they are
-- declined too. The worker stored the receiver's detail text as the last error; this is its wording
-- for unknown_sender (src/network/envelope.ts).
WITH d AS (
  UPDATE outbox SET status = 'declined'
   WHERE status = 'dead' AND document_type = 'SchakelKeyAnnouncement'
     AND last_error LIKE 'HTTP 401: envelope refused: sender % is not a pinned partner'
  RETURNING id, company_id)
INSERT INTO outbox_events (company_id, message_id, at, event, detail)
  SELECT company_id, id, now(), 'declined', '{"reason": "unknown_sender", "backfilled": true}' FROM d;
