-- A claimed message's lease in a column of its own, apart from next_attempt_at (when it is due). The
-- lease used to push next_attempt_at forward, so a lease left by a process that died could not be told
-- from a retry scheduled by backoff or a circuit breaker's hold: a node restarted on an embedded store
-- (which only it can hold) now releases leases without moving any retry forward.
ALTER TABLE outbox ADD COLUMN leased_until timestamptz;
