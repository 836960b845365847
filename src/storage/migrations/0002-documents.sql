-- Business documents (UBL) exchanged through the node. The original bytes are kept once, byte-exact;
-- each company that sent or received a document has its own row (its copy), like order copies, and
-- every query filters on company_id.

CREATE TABLE document_contents (
  id uuid PRIMARY KEY,
  sha256 text NOT NULL,
  byte_size integer NOT NULL,
  content bytea NOT NULL
);

CREATE TABLE documents (
  -- Order of arrival, also between documents stored within the same instant.
  seq bigserial,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  id uuid NOT NULL REFERENCES document_contents (id),
  -- sent: the company posted it; received: a partner's document delivered to this company.
  direction text NOT NULL CHECK (direction IN ('sent', 'received')),
  partner_company_id uuid,
  document_type text NOT NULL,
  profile text,
  customization_id text,
  -- cbc:ID of the document.
  number text NOT NULL,
  -- Tells apart documents that legitimately share an ID: an SCSN "Changed" order keeps the order
  -- number as its ID, so each distinct version is its own document (its SHA-256 is the revision).
  revision text NOT NULL DEFAULT '',
  issue_date date,
  -- processed: applied to orders; recorded: kept without changing an order (e.g. an acknowledgement);
  -- rejected: refused by the validator (kept with its findings so that the sender can be told why).
  status text NOT NULL CHECK (status IN ('processed', 'recorded', 'rejected')),
  sha256 text NOT NULL,
  order_ids uuid[] NOT NULL DEFAULT '{}',
  findings jsonb NOT NULL DEFAULT '[]',
  -- What the document did, e.g. the answers it gave; and a partner's technical response (MLR) to it.
  summary jsonb NOT NULL DEFAULT '{}',
  partner_response jsonb,
  actor jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (company_id, id)
);

-- One document ID per sender and document type: the same ID again is a duplicate (same bytes) or a conflict.
CREATE UNIQUE INDEX documents_sent_number ON documents (company_id, document_type, number, revision)
  WHERE direction = 'sent' AND status <> 'rejected';
CREATE INDEX documents_orders ON documents USING gin (order_ids);
CREATE INDEX documents_list ON documents (company_id, seq);
