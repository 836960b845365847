// Use case step: after a hosted company rotated its key, tell every partner on another node. Each gets
// an envelope through the outbox (so retries, dead letters and receipts work as for documents) whose
// payload is the company's current key set and which is signed with the key that signed until now —
// the one partners have pinned. The partner applies it only if that signature checks out.
import { primaryIdentifier } from '../../domain/company-types.ts';
import { sealEnvelope } from '../../network/envelope.ts';
import {
  KEY_ANNOUNCEMENT_TYPE,
  keyConversationId,
  writeKeyAnnouncement,
  type KeyAnnouncement,
} from '../../network/key-announcement.ts';
import { publicPart, validAt } from '../../network/keys.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';

/**
 * Queues a key announcement of `companyId` to every remote partner, signed with key `signerKid` (the
 * key the partners pin, still valid at `issuedAt`). Pinning is per node and not mutual, so this node
 * cannot know which partners pinned the company: all get it, and a node that did not pin it refuses it
 * (unknown_sender), which the outbox worker records as `declined` — final, not a failure. Returns the
 * participants the announcement was queued for.
 */
export async function announceKeys(
  deps: Deps,
  tx: Repositories,
  companyId: string,
  signerKid: string,
  issuedAt: string,
): Promise<string[]> {
  const company = await tx.companies.get(companyId);
  const all = await tx.partners.keys(companyId);
  const signer = all.find((k) => k.kid === signerKid);
  // A signer that is no longer valid (rotation without grace) cannot convince anyone: nothing to send.
  if (!company || !signer || !validAt(signer, issuedAt)) return [];
  const participant = primaryIdentifier(company);
  const keys = all.filter((k) => k.privateJwk && (k.validUntil === null || k.validUntil > issuedAt));
  const announcement: KeyAnnouncement = {
    participant,
    issuedAt,
    keys: keys.map((k) => ({
      jwk: { ...publicPart(k.publicJwk), kid: k.kid, alg: 'EdDSA', use: 'sig' },
      validFrom: k.validFrom,
      validUntil: k.validUntil,
    })),
  };
  const payload = writeKeyAnnouncement(announcement);
  const conversationId = keyConversationId(participant);
  const sentTo: string[] = [];
  for (const remote of await tx.partners.listRemote()) {
    const seq = await tx.outbox.nextSeq(companyId, remote.companyId, conversationId);
    const { jws, fields } = await sealEnvelope(
      {
        messageId: deps.network.newMessageId(),
        conversationId,
        seq,
        sender: participant,
        receiver: remote.participant,
        documentType: KEY_ANNOUNCEMENT_TYPE,
        createdAt: issuedAt,
      },
      payload,
      signer,
    );
    await tx.outbox.insert({
      id: fields.messageId,
      companyId,
      peerCompanyId: remote.companyId,
      conversationId,
      seq,
      documentType: KEY_ANNOUNCEMENT_TYPE,
      endpointUrl: remote.endpointUrl,
      envelope: jws,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: issuedAt,
      lastError: null,
      receipt: null,
      createdAt: issuedAt,
      deliveredAt: null,
    });
    sentTo.push(remote.participant);
  }
  return sentTo;
}
