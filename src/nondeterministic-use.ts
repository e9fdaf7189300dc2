import type { SourceRef } from './diagnostic.js';

/**
 * A call the definitions made, while they loaded, to a source of values that differ per run (the
 * clock, chance), where they made it: seen by the loader process (src/io/loader/nondeterminism.ts),
 * reported by the check definitions/nondeterministic (src/lint/).
 */
export interface NondeterministicUse {
  /** As written: `Date.now()`, `new Date()`, `Math.random()`, `crypto.randomUUID()`… */
  api: string;
  source: SourceRef;
}
