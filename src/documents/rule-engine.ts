// Runs rule patterns over a parsed document with Schematron semantics and collects findings.
import type {
  DocumentScope,
  Finding,
  LocalizedMessage,
  Rule,
  RuleContext,
  RulePattern,
} from './validation-types.ts';
import { mayMatchName, pathParts } from './rule-context.ts';
import { XPathError } from './xpath-values.ts';
import { ELEMENT_PATHS, elementPaths, xpath, type XmlElement } from './xml-tree.ts';

/** A document scope with a per-document memo. */
export function documentScope(root: XmlElement): DocumentScope {
  const cache = new Map<string, unknown>();
  return {
    root,
    memo<T>(key: string, compute: () => T): T {
      const known = cache.get(key);
      if (known !== undefined || cache.has(key)) return known as T;
      const value = compute();
      cache.set(key, value);
      return value;
    },
  };
}

/** Evaluates one rule on one element; an evaluation error counts as a failure, as it stops the official validator. */
function holds(rule: Rule, el: XmlElement, doc: DocumentScope): boolean {
  try {
    return rule.check(el, doc);
  } catch (e) {
    if (e instanceof XPathError) return false;
    throw e;
  }
}

/** The message of a failed rule; a message that needs a value the document spoils falls back to a generic one. */
function messageFor(rule: Rule, el: XmlElement, doc: DocumentScope): LocalizedMessage {
  if (typeof rule.message !== 'function') return rule.message;
  try {
    return rule.message(el, doc);
  } catch (e) {
    if (!(e instanceof XPathError)) throw e;
    return {
      en: `Rule ${rule.id} could not be checked here because a value it needs is not a valid number, date or single value (${e.message}). Correct that value first.`,
      nl: `Regel ${rule.id} kon hier niet gecontroleerd worden omdat een waarde die hij nodig heeft geen geldig getal, geldige datum of enkele waarde is (${e.message}). Verbeter eerst die waarde.`,
    };
  }
}

/** The finding reported when `rule` fails on `el`. */
export function findingFor(rule: Rule, el: XmlElement, doc: DocumentScope): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    location: xpath(el),
    line: el.line,
    column: el.column,
    message: messageFor(rule, el, doc),
  };
}

/**
 * How a pattern finds an element's context when the element's path from the root is known: per path
 * (computed once, from any element with that path) the contexts whose location paths match, each with
 * the predicate still to test on the element itself (null: none, the context matches).
 */
type PathCandidates = (sample: XmlElement) => PathCandidate;
interface PathCandidate {
  contexts: readonly RuleContext[];
  tests: readonly (Test | null)[];
}
type Test = (el: XmlElement, doc: DocumentScope) => boolean;

const pathCandidatesOf = new WeakMap<RulePattern, PathCandidates>();

/**
 * Declares that a pattern's context for an element depends only on the element's path from the root
 * (namespaces and local names), as for a structure table: the engine then asks it once per path.
 */
export function contextByPath(pattern: RulePattern): RulePattern {
  pathCandidatesOf.set(pattern, (sample) => {
    const found = pattern.contextFor(sample, NO_SCOPE);
    return found ? { contexts: [found], tests: [null] } : { contexts: [], tests: [] };
  });
  return pattern;
}

/** A scope for path-only context lookups, which must not consult the document. */
const NO_SCOPE: DocumentScope = {
  get root(): XmlElement {
    throw new Error('a path-only context looked at the document');
  },
  memo() {
    throw new Error('a path-only context looked at the document');
  },
};

/** Runs every pattern over every element (document order) and returns the findings in that order. */
export function runPatterns(patterns: readonly RulePattern[], doc: DocumentScope): Finding[] {
  const { elements, pathOf, samples, paths } = doc.memo(ELEMENT_PATHS, () => elementPaths(doc.root));
  const findings: Finding[] = [];
  for (const pattern of patterns) {
    const candidates = pathCandidatesOf.get(pattern);
    // Per path of this document: the pattern's candidates, known from an earlier document or worked out now.
    const byPath = candidates
      ? paths.map((path, i) => {
          let found = path.known.get(pattern) as PathCandidate | undefined;
          if (!found) path.known.set(pattern, (found = candidates(samples[i]!)));
          return found;
        })
      : undefined;
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i]!;
      let context;
      try {
        if (byPath) {
          const { contexts, tests } = byPath[pathOf[i]!]!;
          if (contexts.length === 0) continue;
          for (let j = 0; j < contexts.length; j++) {
            const test = tests[j];
            if (!test || test(el, doc)) {
              context = contexts[j];
              break;
            }
          }
        } else context = pattern.contextFor(el, doc);
      } catch (e) {
        // The official validator stops on an error in a context predicate; Schakel reports what it can.
        if (e instanceof XPathError) continue;
        throw e;
      }
      if (!context) continue;
      for (const rule of pattern.rulesFor(context)) {
        if (!holds(rule, el, doc)) findings.push(findingFor(rule, el, doc));
      }
    }
  }
  return findings;
}

/**
 * A pattern from its rules in the official order: contexts take precedence in order of first
 * appearance. A bare context in the list claims its elements without checking anything, as an
 * official rule whose assertions Schakel does not implement still does (it shadows later contexts).
 */
export function pattern(name: string, items: readonly (Rule | RuleContext)[]): RulePattern {
  const contexts: RuleContext[] = [];
  const byContext = new Map<RuleContext, Rule[]>();
  const rules: Rule[] = [];
  for (const item of items) {
    const context = 'check' in item ? item.context : item;
    let list = byContext.get(context);
    if (!list) {
      list = [];
      byContext.set(context, list);
      contexts.push(context);
    }
    if ('check' in item) {
      list.push(item);
      rules.push(item);
    }
  }
  const candidates = candidatesFor(contexts);
  const built: RulePattern = {
    name,
    rules,
    contextFor(el, doc) {
      for (const c of candidates(el)) if (c.matches(el, doc)) return c;
      return undefined;
    },
    rulesFor: (context) => byContext.get(context) ?? [],
  };
  pathCandidatesOf.set(built, (sample) => {
    const found: RuleContext[] = [];
    const tests: (Test | null)[] = [];
    for (const c of candidates(sample)) {
      const parts = pathParts(c);
      if (parts && !parts.pathMatches(sample)) continue;
      found.push(c);
      tests.push(parts ? (parts.where ?? null) : (el, doc) => c.matches(el, doc));
    }
    return { contexts: found, tests };
  });
  return built;
}

/**
 * The contexts (in their order) that can match an element of the element's namespace and name, kept
 * per name: an element is tried against the few contexts that end in its name (or in a wildcard)
 * instead of against every context of the pattern. The first match is the same as in the full list.
 */
function candidatesFor(contexts: readonly RuleContext[]): (el: XmlElement) => readonly RuleContext[] {
  const known = new Map<string, Map<string, RuleContext[]>>();
  let size = 0;
  return (el) => {
    let byName = known.get(el.ns);
    let list = byName?.get(el.name);
    if (list) return list;
    list = contexts.filter((c) => mayMatchName(c, el.ns, el.name));
    // Names come from documents: remember a bounded number of them.
    if (size < 10_000) {
      if (!byName) known.set(el.ns, (byName = new Map<string, RuleContext[]>()));
      byName.set(el.name, list);
      size++;
    }
    return list;
  };
}
