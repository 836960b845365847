// What the tests with several real nodes share: connecting a node to a company on another node the way
// a person does it (fetch the card, confirm its fingerprint, pin), and calling a node's API.
import type { RunningNode } from '../../src/cli/start-node.ts';

/** Connects `from` to company `participant` on node `to`, confirming the fingerprint it was shown. */
export async function connect(from: RunningNode, to: RunningNode, participant: string) {
  const fetched = await from.services.fetchPartnerCard(to.url, participant);
  return from.services.pinPartner(fetched, fetched.fingerprint);
}

/** Connects two companies on two nodes both ways: `a.id` on `a.node` and `b.id` on `b.node`. */
export async function connectBothWays(
  a: { node: RunningNode; id: string },
  b: { node: RunningNode; id: string },
): Promise<void> {
  await connect(a.node, b.node, b.id);
  await connect(b.node, a.node, a.id);
}

/** Calls `node`'s API with a bearer token; a status of 300 or more throws with the body. */
export async function api<T>(
  node: RunningNode,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const r = await fetch(`${node.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}
