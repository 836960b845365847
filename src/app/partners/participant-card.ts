// Use case: the public card of a company hosted on this node, which partners fetch to connect:
// name, the node's endpoint, public keys (JWK) with their validity, and the document types accepted.
import type { JWK } from 'jose';
import { DomainError, notFound } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import { ACTION_PAYLOAD_TYPE } from '../../network/action-payload.ts';
import { publicPart } from '../../network/keys.ts';
import type { Deps } from '../deps.ts';

/** Document types a node accepts over the network in this version. */
export const NETWORK_DOCUMENT_TYPES = [
  'Order',
  'OrderResponse',
  'OrderResponseAdvanced',
  'OrderAgreement',
  'OrderChange',
  'OrderCancellation',
  'DespatchAdvice',
  'ReceiptAdvice',
  'Invoice',
  'MessageLevelResponse',
  ACTION_PAYLOAD_TYPE,
] as const;

export interface CardKey {
  jwk: JWK;
  validFrom: string;
  validUntil: string | null;
}

export interface ParticipantCard {
  participant: string;
  name: string;
  /** Postal city and ISO 3166-1 country, which documents to this company need. */
  city: string | null;
  country: string | null;
  /** Base URL of the node; its inbox is at /network/v1/inbox. */
  endpoint: string;
  keys: CardKey[];
  documentTypes: string[];
}

/** The card of hosted company `participant` (scheme:value); `requestUrl` is used when no public URL is set. */
export async function participantCard(
  deps: Deps,
  participant: string,
  requestUrl: string,
): Promise<ParticipantCard> {
  let id;
  try {
    id = parseIdentifier(participant, 'participant');
  } catch {
    throw notFound('participant', participant);
  }
  const company = await deps.store.companies.findByIdentifier(id.scheme, id.value);
  if (!company || (await deps.store.partners.getRemote(company.id)))
    throw notFound('participant', participant);
  const keys = await deps.store.partners.keys(company.id);
  const now = deps.now().toISOString();
  const current = keys.filter((k) => k.privateJwk && (k.validUntil === null || k.validUntil > now));
  if (current.length === 0)
    throw new DomainError('not_found', `participant ${participant} has no signing key yet`, {
      id: participant,
    });
  return {
    participant: `${id.scheme}:${id.value}`,
    name: company.name,
    city: company.city,
    country: company.country,
    endpoint: (deps.network.publicUrl ?? requestUrl).replace(/\/+$/, ''),
    keys: current.map((k) => ({
      jwk: { ...publicPart(k.publicJwk), kid: k.kid, alg: 'EdDSA', use: 'sig' },
      validFrom: k.validFrom,
      validUntil: k.validUntil,
    })),
    documentTypes: [...NETWORK_DOCUMENT_TYPES],
  };
}
