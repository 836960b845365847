-- A partner's Message Level Response to a message this node sent (docs/network.md): the imported
-- document the message carried (when it carried one), and the response itself. A rejection (code RE)
-- is shown on the message and its document and becomes a task of the sending company.
ALTER TABLE outbox ADD COLUMN document_id uuid;
ALTER TABLE outbox ADD COLUMN partner_response jsonb;
