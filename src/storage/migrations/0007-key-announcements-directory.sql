-- Key announcements (docs/network.md): when the last key announcement of a remote partner that this
-- node applied was issued. An announcement issued at or before it is not applied again, so an old
-- announcement (replayed or delivered late) can never roll the pinned keys back.
ALTER TABLE remote_partners ADD COLUMN keys_announced_at timestamptz;

-- The directory role (a node started with --directory): participant cards registered by other nodes,
-- served to anyone looking a participant up. `proof` is the card as the participant signed it (JWS,
-- General JSON serialisation) and is served unchanged; issued_at only ever grows (no rollback).
CREATE TABLE directory_cards (
  participant text PRIMARY KEY,
  proof jsonb NOT NULL,
  issued_at timestamptz NOT NULL,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
