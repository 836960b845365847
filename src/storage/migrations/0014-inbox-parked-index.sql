-- The node looks for parked envelopes often (the sweep every 10 s, each arrival's conversation state);
-- they are few among all received ones, which now include every message between companies on the node.
CREATE INDEX inbox_parked ON inbox (receiver_company_id, sender_company_id, conversation_id, seq)
  WHERE status = 'parked';
