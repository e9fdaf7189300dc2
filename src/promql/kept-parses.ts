/**
 * Parses kept for the length of one command that runs the stages several times on the same
 * expressions (`totem-mon import`: its catalogue inference, then a run of the stages per round of
 * `ignore`s): each text is parsed once for all of them. A run's PromQL table takes its parses from
 * here as it takes early ones (src/model/promql-table.ts); unlike early parses they stay when a run
 * is done, for the next. A parse is a function of the text alone, so taking it changes nothing.
 */
import { parsePromql, type ParsedExpr } from './parse.js';
import type { ParsesMadeBefore } from './parses-made-before.js';

export class KeptParses implements ParsesMadeBefore {
  private readonly parsed = new Map<string, ParsedExpr>();

  /** The parse of a text, made on first need. */
  parse(text: string): ParsedExpr {
    let parsed = this.parsed.get(text);
    if (!parsed) this.parsed.set(text, (parsed = parsePromql(text)));
    return parsed;
  }

  /** The parse of a text, if it was made. */
  take(text: string): ParsedExpr | undefined {
    return this.parsed.get(text);
  }

  /** A run is done with them: they stay for the next. */
  stop(): void {}

  release(): void {}
}
