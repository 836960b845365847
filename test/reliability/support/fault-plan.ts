// What the fault proxy does to each HTTP request: a weighted random choice among faults (seeded, so a
// run can be repeated), optionally preceded by a script of faults for the next requests.
import type { SeededRandom } from './seeded-random.ts';

/** A fixed number, or a whole-number range [min, max] drawn from per request. */
export type Range = number | readonly [min: number, max: number];

/** One fault, with numbers (`N = number`, as chosen) or ranges (`N = Range`, as planned). */
export type FaultOf<N> =
  /** Forward both ways unchanged. */
  | { kind: 'pass' }
  /** Hold the request back for `ms` before forwarding it. */
  | { kind: 'delay'; ms: N }
  /** Close the client's connection before forwarding anything of the request. */
  | { kind: 'drop' }
  /** Forward `afterBytes` of the request (always less than all of it), then reset both connections. */
  | { kind: 'reset-request'; afterBytes: N }
  /** Forward the request and the response head plus `afterBytes` of its body (never all), then reset. */
  | { kind: 'reset-response'; afterBytes: N }
  /** Forward the response head plus `keepBytes` of its body (never all), then close the connection cleanly. */
  | { kind: 'truncate-response'; keepBytes: N }
  /** Forward the request, then replay its exact bytes `delayMs` later on a second upstream connection. */
  | { kind: 'duplicate'; delayMs?: N };

export type Fault = FaultOf<Range>;
export type ChosenFault = FaultOf<number>;
export type FaultKind = Fault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'pass',
  'delay',
  'drop',
  'reset-request',
  'reset-response',
  'truncate-response',
  'duplicate',
];

export interface WeightedFault {
  fault: Fault;
  /** Relative weight, > 0. */
  weight: number;
}

/** Weighted faults; an empty plan passes everything through. */
export type FaultPlan = readonly WeightedFault[];

/** A plan of one fault for every request. */
export const always = (fault: Fault): FaultPlan => [{ fault, weight: 1 }];

function checkRange(range: Range, what: string): void {
  const [min, max] = typeof range === 'number' ? [range, range] : range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new Error(`${what} must be a whole number ≥ 0 or a range [min, max] with min ≤ max`);
  }
}

/** Throws a clear error for a fault with a negative, fractional or reversed number. */
export function checkFault(fault: Fault): void {
  if (fault.kind === 'delay') checkRange(fault.ms, 'delay.ms');
  if (fault.kind === 'reset-request' || fault.kind === 'reset-response')
    checkRange(fault.afterBytes, `${fault.kind}.afterBytes`);
  if (fault.kind === 'truncate-response') checkRange(fault.keepBytes, 'truncate-response.keepBytes');
  if (fault.kind === 'duplicate' && fault.delayMs !== undefined)
    checkRange(fault.delayMs, 'duplicate.delayMs');
}

/** Throws a clear error for a plan with a bad weight or fault. */
export function checkPlan(plan: FaultPlan): void {
  for (const { fault, weight } of plan) {
    if (!(Number.isFinite(weight) && weight > 0)) throw new Error(`weight of ${fault.kind} must be > 0`);
    checkFault(fault);
  }
}

const draw = (range: Range, random: SeededRandom): number =>
  typeof range === 'number' ? range : random.int(range[0], range[1]);

/** Turns ranges into numbers. */
export function resolveFault(fault: Fault, random: SeededRandom): ChosenFault {
  switch (fault.kind) {
    case 'delay':
      return { kind: 'delay', ms: draw(fault.ms, random) };
    case 'reset-request':
    case 'reset-response':
      return { kind: fault.kind, afterBytes: draw(fault.afterBytes, random) };
    case 'truncate-response':
      return { kind: fault.kind, keepBytes: draw(fault.keepBytes, random) };
    case 'duplicate':
      return { kind: 'duplicate', delayMs: draw(fault.delayMs ?? 0, random) };
    default:
      return fault;
  }
}

/** Picks a fault by weight (pass-through for an empty plan) and resolves its ranges. */
export function chooseFault(plan: FaultPlan, random: SeededRandom): ChosenFault {
  const total = plan.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return { kind: 'pass' };
  let point = random.next() * total;
  for (const { fault, weight } of plan) {
    point -= weight;
    if (point < 0) return resolveFault(fault, random);
  }
  return resolveFault(plan[plan.length - 1]!.fault, random);
}

/** "reset-response(afterBytes=12)" — for logs and failure messages. */
export function describeFault(fault: ChosenFault): string {
  const { kind, ...params } = fault;
  const args = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`);
  return args.length ? `${kind}(${args.join(', ')})` : kind;
}
