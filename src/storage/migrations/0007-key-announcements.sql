-- Key announcements (docs/network.md): when the last key announcement of a remote partner that this
-- node applied was issued. An announcement issued at or before it is not applied again, so an old
-- announcement (replayed or delivered late) can never roll the pinned keys back.
ALTER TABLE remote_partners ADD COLUMN keys_announced_at timestamptz;
