/**
 * The PromQL texts the loader process tells while the definitions run (src/io/loader/loader-process.ts), put
 * into a table of parses made meanwhile (src/promql/early.ts, imported on the first message: lezer
 * is not needed to start the loader). Texts that come before the table exists wait for it; a table
 * that does not exist when the project arrives is no table, and is never made (handOver): the
 * checks parse as they always did.
 */
import type { EarlyParses } from '../promql/early.js';

/** Told once, as soon as `count` texts have come: a large project (src/app/compile-prestart.ts starts the compile worker then). */
export interface ManyTexts {
  count: number;
  then: () => void;
}

export class EarlyExpressions {
  private table: EarlyParses | undefined;
  private waiting: Array<readonly string[]> | undefined;
  private dropped = false;
  private received = 0;

  /** `signal`: the load's; once it is aborted, nothing more is parsed for it. */
  constructor(
    signal?: AbortSignal,
    private many?: ManyTexts,
  ) {
    signal?.addEventListener('abort', () => this.drop(), { once: true });
  }

  /** A batch of texts, as the loader process sent it. */
  readonly receive = (texts: readonly string[]): void => {
    if (this.dropped) return;
    this.received += texts.length;
    if (this.many && this.received >= this.many.count) {
      const { then } = this.many;
      this.many = undefined;
      then();
    }
    if (this.table) return this.table.add(texts);
    if (this.waiting) {
      this.waiting.push(texts);
      return;
    }
    this.waiting = [texts];
    import('../promql/early.js').then(
      ({ EarlyParses }) => {
        if (this.dropped) return;
        this.table = new EarlyParses();
        for (const batch of this.waiting ?? []) this.table.add(batch);
        this.waiting = undefined;
      },
      // Not parsed early then: the checks parse every text, as without this.
      () => this.drop(),
    );
  };

  /** No table after all (the load was stopped, or failed): what was parsed goes, nothing more is parsed. */
  drop(): void {
    this.dropped = true;
    this.waiting = undefined;
    this.table?.release();
    this.table = undefined;
  }

  /**
   * The table for the project that has just arrived, or none: one still on its way (its module
   * being imported) is then never made, so that no text is parsed there for nothing while the
   * checks parse it again (Totem's texts come with the project itself).
   */
  handOver(): EarlyParses | undefined {
    if (!this.table) this.drop();
    return this.table;
  }

  /** The table, once it exists. */
  get parses(): EarlyParses | undefined {
    return this.table;
  }
}
