// The Schakel order-action payload: for order actions that have no UBL counterpart (the buyer's decision
// on a proposal, reopen, production progress, invoice approval or dispute) — and, in this first slice,
// for the actions whose UBL mapping on the receiving side is not built yet — the envelope carries this
// small XML document with the domain action as JSON. See docs/network.md.
import type { OrderAction } from '../domain/order-actions.ts';
import type { Role } from '../domain/order-types.ts';

export const ACTION_PAYLOAD_TYPE = 'SchakelOrderAction';
export const ACTION_PAYLOAD_NS = 'urn:schakel:names:specification:order-action:1';

export interface ActionPayload {
  orderNumber: string;
  actorRole: Role;
  action: OrderAction;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The payload bytes for an action. */
export function writeActionPayload(p: ActionPayload): Uint8Array {
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${ACTION_PAYLOAD_TYPE} xmlns="${ACTION_PAYLOAD_NS}">` +
      `<OrderNumber>${escape(p.orderNumber)}</OrderNumber><ActorRole>${p.actorRole}</ActorRole>` +
      `<ActionType>${escape(p.action.type)}</ActionType><Action>${escape(JSON.stringify(p.action))}</Action>` +
      `</${ACTION_PAYLOAD_TYPE}>\n`,
  );
}

/** Reads an action payload; throws a plain Error naming what is wrong. */
export function readActionPayload(bytes: Uint8Array): ActionPayload {
  const xml = new TextDecoder().decode(bytes);
  const pick = (name: string): string => {
    const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
    if (!m) throw new Error(`${ACTION_PAYLOAD_TYPE} has no ${name}`);
    return unescape(m[1]!);
  };
  if (!xml.includes(`xmlns="${ACTION_PAYLOAD_NS}"`))
    throw new Error(`not a ${ACTION_PAYLOAD_TYPE} (namespace ${ACTION_PAYLOAD_NS})`);
  const actorRole = pick('ActorRole');
  if (actorRole !== 'buyer' && actorRole !== 'seller') throw new Error(`ActorRole ${actorRole} is unknown`);
  const action = JSON.parse(pick('Action')) as OrderAction;
  if (action.type !== pick('ActionType')) throw new Error('ActionType does not match the action');
  return { orderNumber: pick('OrderNumber'), actorRole, action };
}
