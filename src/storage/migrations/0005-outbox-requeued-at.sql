-- When a person last sent a dead-lettered message again. The dead-letter age counts from here (or from
-- created_at when never resent): without it a resent message older than the dead-letter age would go
-- dead again at its first failure, giving the person's resend only one try.
ALTER TABLE outbox ADD COLUMN requeued_at timestamptz;
