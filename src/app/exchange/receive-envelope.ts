// Use case: a partner's node delivers an envelope to this node's inbox. The envelope is verified
// (signature against the pinned key, receiver hosted here, timestamp window, payload digest); a refusal
// is a transport error and nothing is stored. An accepted envelope is stored with its processing result
// in one transaction: applied to the receiver's copy when it is next in its conversation's sequence,
// parked when it arrived early (applied when the gap fills), or failed on business grounds (kept with
// the reason; the sender is not asked to retry, a MessageLevelResponse RE goes back to it instead).
// Applied changes are announced on the change feed after commit. The answer is a receipt signed by the
// receiver. The storing and applying is the inbox core (inbox-processing.ts), which envelopes between
// companies on this node go through as well.
import type { Company } from '../../domain/company-types.ts';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import { EnvelopeRejected, openEnvelope, type RejectReason } from '../../network/envelope.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';
import {
  announce,
  drainParked,
  receiptFor,
  storeInbound,
  withFailureRecord,
  type ReceiveResult,
} from './inbox-processing.ts';

export type { ReceiveResult };
import {
  isKeyAnnouncement,
  receiveKeyAnnouncement,
  refusedAnnouncement,
} from './receive-key-announcement.ts';
import type { Parties } from './received-payload.ts';

const REJECT_CODE: Record<RejectReason, ErrorCode> = {
  malformed: 'validation_failed',
  stale_timestamp: 'validation_failed',
  digest_mismatch: 'validation_failed',
  wrong_receiver: 'not_found',
  unknown_sender: 'unauthenticated',
  unknown_key: 'unauthenticated',
  key_not_valid: 'unauthenticated',
  bad_signature: 'unauthenticated',
};

/** The company holding participant id `scheme:value` on this node. */
export async function companyOf(tx: Repositories, participant: string): Promise<Company | null> {
  const at = participant.indexOf(':');
  if (at < 1) return null;
  return tx.companies.findByIdentifier(participant.slice(0, at), participant.slice(at + 1));
}

/** Verifies, stores and (in sequence) applies an envelope from another node; returns the signed receipt. */
export async function receiveEnvelope(deps: Deps, jws: string): Promise<ReceiveResult> {
  const now = deps.now();
  const store = deps.store;
  // Each participant is looked up once per envelope: the checks and the parties need the same rows.
  const known = new Map<string, Promise<{ company: Company; remote: boolean } | null>>();
  const lookup = (participant: string) => {
    let found = known.get(participant);
    if (!found) {
      found = companyOf(store, participant).then(async (company) =>
        company ? { company, remote: (await store.partners.getRemote(company.id)) !== null } : null,
      );
      known.set(participant, found);
    }
    return found;
  };
  const hosted = async (participant: string) => {
    const found = await lookup(participant);
    return found && !found.remote ? found.company : null;
  };
  let opened;
  try {
    opened = await openEnvelope(jws, {
      // Over HTTP only pinned partners on other nodes may send: a company of this node never needs to.
      keysOf: async (participant) => {
        const found = await lookup(participant);
        return found?.remote ? store.partners.keys(found.company.id) : null;
      },
      hosts: async (participant) => (await hosted(participant)) !== null,
      now,
      windowMs: deps.network.windowMs,
    });
  } catch (e) {
    if (!(e instanceof EnvelopeRejected)) throw e;
    const refused = refusedAnnouncement(deps, jws, e);
    if (refused) throw refused;
    deps.network.metrics.rejectedInbound.inc({ reason: e.reason });
    throw new DomainError(REJECT_CODE[e.reason], `envelope refused: ${e.message}`, { reason: e.reason });
  }
  if (isKeyAnnouncement(opened)) return receiveKeyAnnouncement(deps, opened, jws);
  const { fields } = opened;
  const parties: Parties = {
    receiver: (await hosted(fields.receiver))!,
    sender: (await lookup(fields.sender))!.company,
  };
  const outcome = await withFailureRecord(deps, (tx, failure) =>
    storeInbound(deps, tx, parties, opened, jws, failure),
  );
  if (!outcome) {
    deps.network.metrics.rejectedInbound.inc({ reason: 'seq_conflict' });
    throw new DomainError(
      'conflict',
      `seq ${fields.seq} of conversation ${fields.conversationId} was already used by another message`,
      { reason: 'seq_conflict' },
    );
  }
  announce(deps, parties, outcome.notice);
  if (outcome.parkedWaiting) await drainParked(deps, parties, fields.conversationId);
  deps.network.metrics.receivedInbound.inc({ outcome: outcome.duplicate ? 'duplicate' : outcome.status });
  const receipt = await receiptFor(
    deps,
    await store.partners.keys(parties.receiver.id),
    parties,
    fields,
    outcome,
  );
  return { receipt, duplicate: outcome.duplicate, status: outcome.status };
}
