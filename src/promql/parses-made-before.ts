import type { ParsedExpr } from './parse.js';

/**
 * Parses made before a run's PromQL table asks for them (src/model/promql-table.ts): while the
 * definitions loaded (early.ts), or by an earlier step of the same command (kept-parses.ts).
 */
export interface ParsesMadeBefore {
  /** The parse of exactly this text, if it was made. */
  take(text: string): ParsedExpr | undefined;
  /** No more parsing ahead: the run has its project. */
  stop(): void;
  /** The run took what it needed. */
  release(): void;
}
