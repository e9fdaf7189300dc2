/**
 * Parses made while totem-mon would otherwise wait: the loader process tells the PromQL texts the
 * builders see as the definitions run (src/api/expressions-seen.ts), and this process, idle until
 * the project arrives, parses them in small slices between messages. The checks' context then takes
 * a parse from here when its text is the very same (src/lint/context.ts) and parses as before
 * otherwise: a text that arrives late, never, or after `stop` is only a miss. A parse is a
 * function of the text alone, so taking it from here changes nothing but when it was made.
 */
import { parsePromql, type ParsedExpr } from './parse.js';
import { surelyWithinLezer } from './parts.js';
import { mayHoldGrafanaVariables, substituteGrafanaVariables } from './grafana-variables.js';

/** Texts parsed per slice before yielding to the event loop (a reply may be waiting). */
const SLICE = 64;

export class EarlyParses {
  private readonly parsed = new Map<string, ParsedExpr>();
  private pending: string[] = [];
  private next = 0;
  private scheduled = false;
  private stopped = false;

  /** Texts as a builder saw them; parsed later, in slices. */
  add(texts: readonly string[]): void {
    if (this.stopped) return;
    for (const text of texts) if (typeof text === 'string') this.pending.push(text);
    this.schedule();
  }

  /** The parse of exactly this text, if it was made. */
  take(text: string): ParsedExpr | undefined {
    const parsed = this.parsed.get(text);
    // It keeps the caller's copy of the text, not the one that came over the channel: the
    // analyses keep their parses, and one copy of each text is enough (~2 MB on the large set).
    if (parsed) parsed.text = text;
    return parsed;
  }

  /** No more parsing: what is pending is dropped (those texts are parsed where needed, as before). */
  stop(): void {
    this.stopped = true;
    this.pending = [];
    this.next = 0;
  }

  /** Stops, and drops the parses made: those taken live on in their analyses, the others go. */
  release(): void {
    this.stop();
    this.parsed.clear();
  }

  /** Parses everything pending now (tests; the runs parse in slices). */
  drain(): void {
    while (this.next < this.pending.length) this.parseOne(this.pending[this.next++]!);
    this.pending = [];
    this.next = 0;
  }

  /** How many texts are parsed (tests and measurements). */
  get size(): number {
    return this.parsed.size;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const end = Math.min(this.pending.length, this.next + SLICE);
    while (this.next < end) this.parseOne(this.pending[this.next++]!);
    if (this.next < this.pending.length) return this.schedule();
    this.pending = [];
    this.next = 0;
  }

  private parseOne(seen: string): void {
    // Panel queries are analysed with Grafana's variables substituted (src/lint/context.ts): that
    // text is the one asked for. An expression that may come near lezer's own limits is left to the
    // checks' context: whether lezer's recursion overflows depends on the stack it runs on.
    const text = mayHoldGrafanaVariables(seen) ? substituteGrafanaVariables(seen) : seen;
    if (this.parsed.has(text) || !surelyWithinLezer(text)) return;
    this.parsed.set(text, parsePromql(text));
  }
}
