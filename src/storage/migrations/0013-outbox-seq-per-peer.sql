-- Envelopes are numbered per (sender, receiver, conversation), the way the receiver applies them (the
-- inbox's unique key). Numbered per (sender, conversation) only, a message of a company to a third party
-- naming the same conversation id (a Message Level Response to a stranger who wrote into it) took a
-- number the real partner then waited for forever.
ALTER TABLE outbox DROP CONSTRAINT outbox_company_id_conversation_id_seq_key;
ALTER TABLE outbox
  ADD CONSTRAINT outbox_company_peer_conversation_seq_key UNIQUE (company_id, peer_company_id, conversation_id, seq);
