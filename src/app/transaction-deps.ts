// Running several use cases as one unit: dependencies whose store joins an open transaction, so that
// the use cases' own "transaction" calls run inside it. Importing a document applies it to orders and
// records the document atomically this way: both happen, or neither.
import type { Repositories, Store } from '../storage/store.ts';
import type { Deps } from './deps.ts';

export function depsWithin(deps: Deps, tx: Repositories): Deps {
  const store: Store = {
    ...tx,
    kind: deps.store.kind,
    database: deps.store.database,
    transaction: (fn) => fn(tx),
    // The transaction's owner closes the store, never a use case running inside it.
    close: () => Promise.resolve(),
  };
  return { ...deps, store };
}
