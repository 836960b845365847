// Use case: a partner announces its new key set (after a rotation). The envelope has already been
// verified against a key this node pins for the sender (receive-envelope.ts); here the key must also be
// valid now, the payload must be a well-formed announcement of the sender itself, and it must be newer
// than the last announcement applied — so a replayed or late older announcement never rolls keys back.
// A refusal stores nothing and is counted; an accepted announcement is kept in the inbox (for the record
// and to recognise a resend) and answered with a receipt like any envelope.
import type { Company } from '../../domain/company-types.ts';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import type { EnvelopeRejected } from '../../network/envelope.ts';
import { type OpenedEnvelope } from '../../network/envelope.ts';
import {
  KEY_ANNOUNCEMENT_TYPE,
  keyConversationId,
  MalformedAnnouncement,
  readKeyAnnouncement,
  type KeyAnnouncement,
} from '../../network/key-announcement.ts';
import { publicPart, signingKeyAt, validAt } from '../../network/keys.ts';
import { signReceipt } from '../../network/receipt.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';
import type { ReceiveResult } from './inbox-processing.ts';

/** The refusal reason when an announcement is not signed by a key pinned (and valid) for its sender. */
export const UNPINNED_ANNOUNCEMENT = 'unpinned_key_announcement';

const headerOf = (jws: string): Record<string, unknown> => {
  try {
    return JSON.parse(Buffer.from(jws.trim().split('.')[0] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
};

/** Whether an opened envelope carries a key announcement. */
export const isKeyAnnouncement = (opened: OpenedEnvelope): boolean =>
  opened.fields.documentType === KEY_ANNOUNCEMENT_TYPE;

function refusal(deps: Deps, reason: string, code: ErrorCode, message: string): DomainError {
  deps.network.metrics.rejectedInbound.inc({ reason });
  return new DomainError(code, `key announcement refused: ${message}`, { reason });
}

/**
 * For an envelope refused because of its key, when it carries a key announcement: the refusal with
 * reason unpinned_key_announcement (counted). Null for anything else (the caller refuses as usual).
 */
export function refusedAnnouncement(deps: Deps, jws: string, e: EnvelopeRejected): DomainError | null {
  const keyReasons = ['unknown_key', 'key_not_valid', 'bad_signature'];
  if (!keyReasons.includes(e.reason) || headerOf(jws).documentType !== KEY_ANNOUNCEMENT_TYPE) return null;
  return refusal(
    deps,
    UNPINNED_ANNOUNCEMENT,
    'unauthenticated',
    `it is not signed by a key pinned for the sender (${e.reason}: ${e.message}); nothing was changed`,
  );
}

async function companyOf(tx: Repositories, participant: string): Promise<Company> {
  const at = participant.indexOf(':');
  const c = await tx.companies.findByIdentifier(participant.slice(0, at), participant.slice(at + 1));
  if (!c) throw new Error(`participant ${participant} vanished while receiving`);
  return c;
}

/** Pins the announced keys of `companyId`: new ones added, validity as announced, unlisted ones ended. */
async function pinAnnounced(tx: Repositories, companyId: string, a: KeyAnnouncement): Promise<string[]> {
  const pinned = await tx.partners.keys(companyId);
  const announced = new Set<string>();
  for (const k of a.keys) {
    const kid = k.jwk.kid!;
    announced.add(kid);
    const existing = pinned.find((p) => p.kid === kid);
    if (!existing)
      await tx.partners.insertKey({
        companyId,
        kid,
        publicJwk: publicPart(k.jwk),
        privateJwk: null,
        validFrom: k.validFrom,
        validUntil: k.validUntil,
      });
    else if (existing.validUntil !== k.validUntil) await tx.partners.expireKey(companyId, kid, k.validUntil);
  }
  // A key the sender no longer lists ends at the announcement: what it signed before stays verifiable.
  for (const p of pinned)
    if (!announced.has(p.kid) && (p.validUntil === null || p.validUntil > a.issuedAt))
      await tx.partners.expireKey(companyId, p.kid, a.issuedAt);
  await tx.partners.setKeysAnnouncedAt(companyId, a.issuedAt);
  return [...announced];
}

/** Checks and applies a verified key announcement envelope; returns the signed receipt. */
export async function receiveKeyAnnouncement(
  deps: Deps,
  opened: OpenedEnvelope,
  jws: string,
): Promise<ReceiveResult> {
  const { fields, kid, payload } = opened;
  const now = deps.now().toISOString();
  let announcement: KeyAnnouncement;
  try {
    announcement = await readKeyAnnouncement(payload);
  } catch (e) {
    if (e instanceof MalformedAnnouncement) throw refusal(deps, 'malformed', 'validation_failed', e.message);
    throw e;
  }
  if (
    announcement.participant !== fields.sender ||
    fields.conversationId !== keyConversationId(fields.sender)
  )
    throw refusal(
      deps,
      'malformed',
      'validation_failed',
      `an announcement from ${fields.sender} must be about ${fields.sender} in its key conversation`,
    );
  const sender = await companyOf(deps.store, fields.sender);
  const receiver = await companyOf(deps.store, fields.receiver);
  // The envelope check used the sender's clock (createdAt); the key must also still be valid on ours.
  const signer = (await deps.store.partners.keys(sender.id)).find((k) => k.kid === kid);
  if (!signer || !validAt(signer, now))
    throw refusal(
      deps,
      UNPINNED_ANNOUNCEMENT,
      'unauthenticated',
      `key ${kid} is no longer valid for ${fields.sender}; nothing was changed`,
    );
  const outcome = await deps.store.transaction(async (tx) => {
    // Keys are pinned per sender for the whole node: serialise announcements per sender.
    await tx.inbox.lockConversation(sender.id, fields.conversationId);
    const existing = await tx.inbox.get(fields.sender, fields.messageId);
    if (existing) return { duplicate: true, receivedAt: existing.receivedAt };
    const last = await tx.partners.keysAnnouncedAt(sender.id);
    const newer = last === null || Date.parse(announcement.issuedAt) > Date.parse(last);
    const result = newer
      ? { kind: 'keys.announced', kids: await pinAnnounced(tx, sender.id, announcement) }
      : { kind: 'keys.superseded', issuedAt: announcement.issuedAt, appliedIssuedAt: last };
    const inserted = await tx.inbox.insert({
      sender: fields.sender,
      messageId: fields.messageId,
      receiverCompanyId: receiver.id,
      senderCompanyId: sender.id,
      conversationId: fields.conversationId,
      seq: fields.seq,
      documentType: fields.documentType,
      envelope: jws.trim(),
      status: 'applied',
      result,
      receivedAt: now,
      processedAt: now,
    });
    if (!inserted) {
      deps.network.metrics.rejectedInbound.inc({ reason: 'seq_conflict' });
      throw new DomainError(
        'conflict',
        `seq ${fields.seq} of ${fields.sender}'s key announcements was already used by another message`,
        { reason: 'seq_conflict' },
      );
    }
    return { duplicate: false, receivedAt: now };
  });
  deps.network.metrics.receivedInbound.inc({ outcome: outcome.duplicate ? 'duplicate' : 'applied' });
  const key = signingKeyAt(await deps.store.partners.keys(receiver.id), now);
  if (!key) throw new Error(`company ${receiver.name} has no signing key`);
  const receipt = await signReceipt(
    {
      messageId: fields.messageId,
      payloadSha256: fields.payloadSha256,
      receivedAt: outcome.receivedAt,
      sender: fields.sender,
      receiver: fields.receiver,
      status: outcome.duplicate ? 'duplicate' : 'accepted',
    },
    key,
  );
  return { receipt, duplicate: outcome.duplicate, status: 'applied' };
}
