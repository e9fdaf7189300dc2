/**
 * The PromQL of one model: each distinct text parsed once and analysed once per run, whoever asks
 * (the SLO rules' selectors, the catalogue's recording rules, the checks' context and checks, the
 * docs' metric uses, the rule tests' dependencies), instead of once per asker.
 *
 * Every analysis here is made with the model's catalogue (its lookup, as the checks need it). What
 * of an analysis does not depend on the lookup (the parse, the selectors with their matchers and
 * ranges, the calls' names and places, the comparisons, `filters`) is the same whatever lookup it
 * was made with: askers that need only that (`syntaxOf`) take the catalogue's analysis. The label
 * sets (results, arguments, `available`) do depend on it; only the checks' context reads them, with
 * this very catalogue. The catalogue's own recording rules are analysed while it is being built
 * (a lookup that grows rule by rule): those take only the parse from here.
 *
 * Owner and lifetime: the model's. The run makes it as the model is built (src/app/stages.ts: the
 * SLO rules read their selectors from it) and attaches it to the model (the checks' context makes
 * one when no run did); it is found by the model in a WeakMap, so it goes when the model goes and
 * no run sees another's. The checks' context keeps every analysis of its expressions anyway: the
 * table keeps what the context keeps, plus the few texts only other askers have (test input
 * series, template queries). A compile from the model alone (the compile worker
 * with its copy of the model, a test) finds no table and works as before: it keeps selectors, not
 * trees. Nothing here changes a result: a parse is a function of the text, an analysis of the text
 * and the catalogue (test/model/promql-table.test.ts counts the parses of a whole run).
 */
import type { Model } from './types.js';
import { buildCatalogue, type Catalogue } from './catalogue.js';
import { analyzePromql, Shared, type Analysis } from '../promql/analyze.js';
import { parsePromql, type ParsedExpr } from '../promql/parse.js';
import type { ParsesMadeBefore } from '../promql/parses-made-before.js';

type CatalogueModel = Pick<Model, 'metrics' | 'ruleGroups' | 'prometheus'>;

/** What of an expression's analysis is the same whatever the series lookup. */
export type Syntax = Pick<Analysis, 'parsed' | 'selectors'>;

const NO_SERIES = (): undefined => undefined;

/** Finds an expression's parse and selectors (the model's table's, or made alone). */
export type SyntaxOf = (text: string) => Syntax;

/** An expression's parse and selectors, made alone (no table). */
export const syntaxAlone: SyntaxOf = (text) => analyzePromql(text, NO_SERIES);

const tables = new WeakMap<object, PromqlTable>();

export class PromqlTable {
  /** A text's analysis once it is made (it holds the parse), else its parse. */
  private readonly byText = new Map<string, Analysis | ParsedExpr>();
  /** Syntax asked for while the model was being built (SLO selectors), before there was a catalogue. */
  private readonly beforeModel = new Map<string, Syntax>();
  /** Equal label sets, names and lists are one object across all the analyses (src/promql/shared.ts). */
  private readonly shared = new Shared();
  private model: CatalogueModel | undefined;
  private built: Catalogue | undefined;

  /**
   * `early`: parses made before (while the definitions loaded, src/promql/early.ts; or by an
   * earlier step of the command, kept-parses.ts), taken when their text is asked for.
   */
  constructor(private early?: ParsesMadeBefore) {
    // The project is here: nothing more to parse ahead.
    early?.stop();
  }

  /** The model this is the table of, once built: its checks and compilers find the table by it. */
  attach(model: Model): this {
    if (this.model || tables.has(model)) throw new Error('a model has one PromQL table, and a table one model');
    this.model = model;
    tables.set(model, this);
    return this;
  }

  /** The model's catalogue, built once (its recording rules parsed here). */
  get catalogue(): Catalogue {
    if (!this.model) throw new Error('the PromQL table has no model yet');
    return (this.built ??= buildCatalogue(this.model, (text) => this.parse(text)));
  }

  /** The parse of a text. */
  parse(text: string): ParsedExpr {
    const known = this.byText.get(text);
    if (known) return 'selectors' in known ? known.parsed : known;
    const parsed = this.early?.take(text) ?? parsePromql(text);
    this.byText.set(text, parsed);
    return parsed;
  }

  /** The analysis of a text against the model's catalogue (what the checks read). */
  analysis(text: string): Analysis {
    const known = this.byText.get(text);
    if (known && 'selectors' in known) return known;
    // The catalogue first: building it may parse this very text (a recording rule's).
    const { lookup } = this.catalogue;
    const analysis = analyzePromql(text, lookup, this.parse(text), this.shared);
    this.byText.set(text, analysis);
    return analysis;
  }

  /** A text's parse and selectors: its analysis once the model is there; before, one without a catalogue. */
  syntax(text: string): Syntax {
    if (this.model) return this.analysis(text);
    let found = this.beforeModel.get(text);
    if (!found) this.beforeModel.set(text, (found = analyzePromql(text, NO_SERIES, this.parse(text))));
    return found;
  }

  /** Parses made before and not taken by now are not wanted here: they go (early ones), or stay for the next run (kept ones). */
  releaseEarly(): void {
    this.early?.release();
    this.early = undefined;
  }
}

/** The model's table, made now (with `early`) if its run made none (the checks' context calls this). */
export function promqlTableFor(model: Model, early?: ParsesMadeBefore): PromqlTable {
  return tables.get(model) ?? new PromqlTable(early).attach(model);
}

/** The model's table, if its run made one (compilers use it when there, and work alone when not). */
export function promqlTableOf(model: object): PromqlTable | undefined {
  return tables.get(model);
}

/** An expression's parse and selectors: the model's table's, or made here (and not kept) when it has none. */
export function syntaxOf(model: object, text: string): Syntax {
  return tables.get(model)?.analysis(text) ?? syntaxAlone(text);
}
