// The envelope every document travels in between nodes: a JWS (compact serialisation, EdDSA) whose
// payload is the UBL document's bytes and whose protected header carries the envelope fields. Opening
// an envelope checks everything a receiver must check; each failure has its own reason code.
import { createHash } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { importKey, validAt, type StoredKey } from './keys.ts';

export const ENVELOPE_TYP = 'schakel-envelope+jws';

export interface EnvelopeFields {
  /** Message ID, a UUIDv7; a resend keeps it. */
  messageId: string;
  /** The conversation: the order's id. */
  conversationId: string;
  /** 1, 2, 3 … per sender within the conversation. */
  seq: number;
  /** Participant ids `scheme:value`. */
  sender: string;
  receiver: string;
  /** UBL document type of the payload (or the Schakel payload type). */
  documentType: string;
  createdAt: string;
  /**
   * When this copy was sent, for a retry long after createdAt: the sender signs the envelope again with
   * a fresh sentAt, so that the receiver's time window (which refuses replays) does not refuse a backlog.
   */
  sentAt?: string;
  /** SHA-256 of the payload, lowercase hex. */
  payloadSha256: string;
}

export interface OpenedEnvelope {
  fields: EnvelopeFields;
  kid: string;
  payload: Uint8Array;
}

export type RejectReason =
  | 'malformed'
  | 'unknown_sender'
  | 'unknown_key'
  | 'key_not_valid'
  | 'bad_signature'
  | 'wrong_receiver'
  | 'stale_timestamp'
  | 'digest_mismatch';

/** An envelope this node refuses at transport level: nothing is stored, the sender gets a 4xx. */
export class EnvelopeRejected extends Error {
  readonly reason: RejectReason;
  constructor(reason: RejectReason, message: string) {
    super(message);
    this.name = 'EnvelopeRejected';
    this.reason = reason;
  }
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Signs `payload` with the sender's key into an envelope (JWS compact). */
export async function sealEnvelope(
  fields: Omit<EnvelopeFields, 'payloadSha256'>,
  payload: Uint8Array,
  key: StoredKey,
): Promise<{ jws: string; fields: EnvelopeFields }> {
  if (!key.privateJwk) throw new Error(`key ${key.kid} has no private part`);
  const full: EnvelopeFields = { ...fields, payloadSha256: sha256Hex(payload) };
  const jws = await new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: ENVELOPE_TYP, kid: key.kid, ...full })
    .sign(await importKey(key.privateJwk));
  return { jws, fields: full };
}

/** When an envelope was (last) signed for sending: its sentAt, else its createdAt. */
export function envelopeSentAt(jws: string): string {
  const header = decodeProtectedHeader(jws.trim()) as Record<string, unknown>;
  return String(header.sentAt ?? header.createdAt);
}

/** The same envelope (message id, fields, payload) signed again with `key` and a fresh `sentAt`. */
export async function resealEnvelope(jws: string, key: StoredKey, sentAt: string): Promise<string> {
  const { payloadSha256: _digest, ...fields } = readFields(decodeProtectedHeader(jws.trim()));
  const payload = Buffer.from(jws.trim().split('.')[1] ?? '', 'base64url');
  return (await sealEnvelope({ ...fields, sentAt }, payload, key)).jws;
}

export interface OpenOptions {
  /** The pinned keys of a sender participant; null when the sender is not a known partner. */
  keysOf(sender: string): Promise<StoredKey[] | null>;
  /** Whether the receiver participant is a company hosted on this node. */
  hosts(receiver: string): Promise<boolean>;
  now: Date;
  /** How far sent-at (else created-at) may be from now, either way. */
  windowMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readFields(header: Record<string, unknown>): EnvelopeFields {
  const str = (k: string): string => {
    const v = header[k];
    if (typeof v !== 'string' || v === '') throw new EnvelopeRejected('malformed', `header ${k} is missing`);
    return v;
  };
  const fields: EnvelopeFields = {
    messageId: str('messageId'),
    conversationId: str('conversationId'),
    seq: Number(header.seq),
    sender: str('sender'),
    receiver: str('receiver'),
    documentType: str('documentType'),
    createdAt: str('createdAt'),
    payloadSha256: str('payloadSha256'),
  };
  if (!UUID.test(fields.messageId) || !UUID.test(fields.conversationId))
    throw new EnvelopeRejected('malformed', 'messageId and conversationId must be UUIDs');
  if (!Number.isInteger(fields.seq) || fields.seq < 1)
    throw new EnvelopeRejected('malformed', 'seq must be a positive integer');
  if (Number.isNaN(Date.parse(fields.createdAt)))
    throw new EnvelopeRejected('malformed', 'createdAt is not a timestamp');
  if (header.sentAt !== undefined) {
    if (typeof header.sentAt !== 'string' || Number.isNaN(Date.parse(header.sentAt)))
      throw new EnvelopeRejected('malformed', 'sentAt is not a timestamp');
    fields.sentAt = header.sentAt;
  }
  return fields;
}

/** Verifies an envelope and returns its fields and payload, or throws EnvelopeRejected with the reason. */
export async function openEnvelope(jws: string, options: OpenOptions): Promise<OpenedEnvelope> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jws.trim());
  } catch {
    throw new EnvelopeRejected('malformed', 'the body is not a JWS in compact serialisation');
  }
  if (header.alg !== 'EdDSA' || header.typ !== ENVELOPE_TYP || typeof header.kid !== 'string')
    throw new EnvelopeRejected(
      'malformed',
      `an envelope is a JWS with alg EdDSA, typ ${ENVELOPE_TYP} and a kid`,
    );
  const fields = readFields(header);
  if (!(await options.hosts(fields.receiver)))
    throw new EnvelopeRejected('wrong_receiver', `receiver ${fields.receiver} is not hosted on this node`);
  const sent = fields.sentAt ?? fields.createdAt;
  const skew = Math.abs(options.now.getTime() - Date.parse(sent));
  if (skew > options.windowMs)
    throw new EnvelopeRejected(
      'stale_timestamp',
      `${fields.sentAt ? 'sentAt' : 'createdAt'} ${sent} is ${Math.round(skew / 1000)} s from this node's clock (allowed ${options.windowMs / 1000} s)`,
    );
  const keys = await options.keysOf(fields.sender);
  if (!keys) throw new EnvelopeRejected('unknown_sender', `sender ${fields.sender} is not a pinned partner`);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key)
    throw new EnvelopeRejected('unknown_key', `key ${header.kid} is not pinned for sender ${fields.sender}`);
  if (!validAt(key, fields.createdAt))
    throw new EnvelopeRejected('key_not_valid', `key ${key.kid} is not valid at ${fields.createdAt}`);
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(jws.trim(), await importKey(key.publicJwk), { algorithms: ['EdDSA'] }))
      .payload;
  } catch {
    throw new EnvelopeRejected('bad_signature', `the signature does not verify with key ${key.kid}`);
  }
  if (sha256Hex(payload) !== fields.payloadSha256)
    throw new EnvelopeRejected('digest_mismatch', 'payloadSha256 does not match the payload');
  return { fields, kid: key.kid, payload };
}
