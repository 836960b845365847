// The outbox's rows as the store reads them and the messages the rest of the node sees.
import { iso, isoOrNull } from './rows.ts';

/**
 * pending: to deliver; delivered: receipted; dead: given up (a task); declined: a key announcement the
 * receiving node refused because it does not pin the sender — a final answer, not a failure.
 */
export type OutboxStatus = 'pending' | 'delivered' | 'dead' | 'declined';

export interface OutboxMessage {
  id: string;
  companyId: string;
  peerCompanyId: string;
  conversationId: string;
  seq: number;
  documentType: string;
  endpointUrl: string;
  /** The JWS (compact serialisation) as sent. */
  envelope: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  /** The receiver's signed receipt (JWS), the proof of delivery. */
  receipt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** When a person last resent it after dead letter; the dead-letter age counts from here. */
  requeuedAt?: string | null;
  /** The imported document the message carries, when it carries one (not one written by the node). */
  documentId?: string | null;
  /** The partner's Message Level Response to the message, when one arrived. */
  partnerResponse?: PartnerResponse | null;
}

/** A partner's Message Level Response (code AP, AB or RE) to a sent message. */
export interface PartnerResponse {
  code: string;
  description: string | null;
  /** The response document as this node stored it. */
  documentId: string;
  issues: { location: string; description: string }[];
  at: string;
}

export interface OutboxRow {
  id: string;
  company_id: string;
  peer_company_id: string;
  conversation_id: string;
  seq: number;
  document_type: string;
  endpoint_url: string;
  envelope: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: unknown;
  last_error: string | null;
  receipt: string | null;
  created_at: unknown;
  delivered_at: unknown;
  requeued_at: unknown;
  document_id: string | null;
  partner_response: PartnerResponse | null;
}

export const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  companyId: r.company_id,
  peerCompanyId: r.peer_company_id,
  conversationId: r.conversation_id,
  seq: r.seq,
  documentType: r.document_type,
  endpointUrl: r.endpoint_url,
  envelope: r.envelope,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: iso(r.next_attempt_at),
  lastError: r.last_error,
  receipt: r.receipt,
  createdAt: iso(r.created_at),
  deliveredAt: isoOrNull(r.delivered_at),
  requeuedAt: isoOrNull(r.requeued_at),
  documentId: r.document_id,
  partnerResponse: r.partner_response,
});

/** How a company's documents to one partner fared: counts per status and the last delivery. */
export interface PeerDelivery {
  peerCompanyId: string;
  delivered: number;
  pending: number;
  dead: number;
  /** Key announcements the partner's node declined (it does not pin this company). */
  declined: number;
  lastDeliveredAt: string | null;
}
