import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, ownerName } from './check.js';
import { AGGREGATION_FACTS, availability, EXPERIMENTAL_FUNCTIONS, FUNCTION_FACTS, SYNTAX_FACTS, type PromqlFact, type SyntaxId } from '../promql/promql-versions.js';
import { flatRoot } from '../promql/parse.js';
import { NODE_SIZE, type FlatTree } from '../promql/flat-tree.js';
import type { Located, Model } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { LABEL_NAME } from '../model/names.js';
import { ALERTMANAGER_VERSIONS, FACTS, has, lacking, PROMETHEUS_VERSIONS, type FactId } from '../model/version-facts.js';
import { atLeast } from '../version-order.js';
import { relabelRulesOf } from './scrape-jobs.js';

const ORIGIN = { config: 'from totem-mon.config.ts', project: 'from the project', installed: 'the installed tool', default: 'the default' } as const;

/** Every use of a version-gated feature in the model: which fact, what uses it, where. */
function* uses(model: Model): Generator<{ fact: FactId; what: string; at: Located }> {
  for (const group of model.ruleGroups) {
    for (const rule of group.rules) {
      if (rule.kind === 'alert' && rule.keepFiringFor !== undefined) yield { fact: 'keepFiringFor', what: `alert ${rule.name}`, at: locatedAt(rule, 'keepFiringFor') };
    }
  }
  for (const job of model.prometheus.scrapeJobs) {
    if (job.scrapeProtocols !== undefined) yield { fact: 'scrapeProtocols', what: `scrape job "${job.job}"`, at: locatedAt(job, 'scrapeProtocols') };
    for (const { list, index, rule } of relabelRulesOf(job)) {
      const where = `scrape job "${job.job}" ${list}[${index}]`;
      if (rule.action === 'keepequal' || rule.action === 'dropequal') yield { fact: 'keepEqual', what: where, at: locatedAt(job, `${list}[${index}]`, 'action') };
      if (rule.action === 'lowercase' || rule.action === 'uppercase') yield { fact: 'changeCase', what: where, at: locatedAt(job, `${list}[${index}]`, 'action') };
      if ('targetLabel' in rule && !rule.targetLabel.includes('$') && !LABEL_NAME.test(rule.targetLabel)) {
        yield { fact: 'utf8Names', what: `${where} (targetLabel ${JSON.stringify(rule.targetLabel)})`, at: locatedAt(job, `${list}[${index}]`, 'targetLabel') };
      }
    }
  }
}

/** A use of a function, an aggregation or a piece of syntax some target versions lack, with where it is written. */
interface PromqlUse {
  /** As messages name it: `histogram_avg()`, `limitk()`, or the syntax's description. */
  what: string;
  /** The function's or aggregation's name (for the other name and the flag's error message). */
  name?: string;
  fact: PromqlFact;
  from: number;
  to: number;
}

/** A duration as written (`5m`, `1h30m`); anything else in a duration's place is a number. */
const DURATION = /^(?:\d+(?:ms|[smhdwy]))+$/;
const IN_DURATION = new Set(['DurationExpr', 'OffsetDurationExpr']);
const ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow']);
const DURATION_FUNCTIONS: Readonly<Record<string, SyntaxId>> = { DurationStep: 'durationStep', DurationRange: 'durationRange', DurationMinOf: 'durationMinMaxOf', DurationMaxOf: 'durationMinMaxOf' };

/** Every function call, aggregation and gated piece of syntax in an expression. */
function* promqlUses(e: AnalyzedExpression): Generator<PromqlUse> {
  for (const call of e.analysis.calls) {
    const fact = FUNCTION_FACTS[call.name];
    if (fact) yield { what: `${call.name}()`, name: call.name, fact, from: call.from, to: call.from + call.name.length };
  }
  const flat = flatRoot(e.analysis.parsed);
  if (!flat) return;
  const { tree, root } = flat;
  const syntax = (id: SyntaxId, from: number, to: number): PromqlUse => ({ what: SYNTAX_FACTS[id].feature, fact: SYNTAX_FACTS[id], from, to });
  // The parent of each node (the walk is in document order, so a stack of open nodes gives it).
  const open: number[] = [];
  for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
    while (open.length > 0 && tree.endOf(open[open.length - 1]!) <= node) open.pop();
    const [parent, grandparent] = [open.length - 1, open.length - 2].map((i) => (i >= 0 ? tree.name(open[i]!) : ''));
    open.push(node);
    const name = tree.name(node);
    const [from, to] = [tree.from(node), tree.to(node)];
    const text = e.text.slice(from, to);
    switch (name) {
      case 'AggregateOp': {
        const op = text.toLowerCase();
        const fact = AGGREGATION_FACTS[op];
        if (fact) yield { what: `${op}()`, name: op, fact, from, to };
        break;
      }
      case 'QuotedLabelName':
        yield syntax(parent === 'GroupingLabels' ? 'quotedGroupingLabel' : 'quotedLabelMatcher', from, to);
        break;
      case 'DurationExpr':
        // A duration inside a duration: parentheses or arithmetic (`[5m + 1m]`, `offset (1h)`).
        if (IN_DURATION.has(parent!)) break;
        if (durationArithmetic(tree, node)) yield syntax('durationArithmetic', from, to);
        break;
      case 'OffsetDurationExpr':
        if (parent !== 'OffsetDurationExpr' && tree.child(node, 'DurationExpr') >= 0) yield syntax('durationArithmetic', from, to);
        break;
      case 'NumberDurationLiteralInDurationContext':
        // A whole duration (`x[300]`, `offset 60`), not a factor in duration arithmetic (`(1h * 2)`).
        if (!DURATION.test(text) && !IN_DURATION.has(grandparent!)) yield syntax('numberAsDuration', from, to);
        break;
      case 'NumberDurationLiteral':
        if (DURATION.test(text)) yield syntax('numberAsDuration', from, to);
        break;
      case 'Anchored':
      case 'Smoothed':
        yield syntax('extendedRangeSelectors', from, to);
        break;
      case 'FillModifier':
        yield syntax('fillModifiers', from, to);
        break;
      case 'TrimUpper':
      case 'TrimLower':
        yield syntax('trimOperators', from, to);
        break;
      default:
        if (DURATION_FUNCTIONS[name]) yield syntax(DURATION_FUNCTIONS[name], from, to);
    }
  }
}

/** Whether a duration holds more than one literal: an operator, parentheses or a duration function. */
function durationArithmetic(tree: FlatTree, node: number): boolean {
  for (let n = node + NODE_SIZE, end = tree.endOf(node); n < end; n += NODE_SIZE) {
    const name = tree.name(n);
    if (name === 'DurationExpr' || ARITHMETIC.has(name) || name === 'UnaryOp') return true;
  }
  return false;
}

/** A function, aggregation or syntax the target Prometheus lacks, or has only behind a feature flag. */
function promqlFinding(e: AnalyzedExpression, use: PromqlUse, target: string, origin: string): Finding | undefined {
  const { fact } = use;
  const available = availability(fact, target);
  if (available === true) return undefined;
  const where = `${ownerName(e)} uses ${use.what}`;
  const targetText = `Prometheus ${target} (the target version, ${origin})`;
  const flagText = fact.flag ? ` --enable-feature=${fact.flag}` : '';
  if (fact.removedIn && atLeast(target, fact.removedIn)) {
    return {
      message: `${where}, which ${targetText} does not have: ${fact.otherName ? `Prometheus ${fact.removedIn} renamed it ${fact.otherName}` : `it was removed in Prometheus ${fact.removedIn}`}`,
      hint: fact.otherName
        ? `write ${fact.otherName}(…)${otherFlag(fact.otherName)}, or set versions: { prometheus: '2.53' } if production runs Prometheus 2`
        : 'remove it',
      ...at(e, use.from, use.to),
    };
  }
  if (available === false) {
    const enough = PROMETHEUS_VERSIONS.find((v) => availability(fact, v) !== false);
    const flagged = fact.flag && !(fact.flagUntil && atLeast(fact.since, fact.flagUntil)) ? ` (behind the feature flag ${fact.flag})` : '';
    return {
      message: `${where}, which ${targetText} does not have: it came in Prometheus ${fact.since}${flagged}`,
      hint: fact.otherName
        ? `write ${fact.otherName}(…), its name before Prometheus ${fact.since}`
        : enough
          ? `if your Prometheus is ${fact.since} or newer${flagged ? ` and runs with${flagText}` : ''}, set versions: { prometheus: '${enough}' }; otherwise do without it`
          : `do without it; if your Prometheus is ${fact.since} or newer${flagged ? ` and runs with${flagText}` : ''}, ignore this finding with that reason (the newest target, '3.x', stands for what 3.0 has)`,
      ...at(e, use.from, use.to),
    };
  }
  const refusal = use.name && fact.flag === EXPERIMENTAL_FUNCTIONS ? ` (function "${use.name}" is not enabled)` : '';
  return {
    message: `${where}, which ${targetText} has only behind the feature flag ${fact.flag}: without it Prometheus and promtool refuse the expression${refusal}`,
    hint: `run Prometheus with${flagText} (and ignore this finding with that reason), or do without it`,
    ...at(e, use.from, use.to),
  };
}

/** How to enable a function's other name, if it needs a flag. */
function otherFlag(name: string): string {
  const flag = FUNCTION_FACTS[name]?.flag;
  return flag ? ` (run Prometheus with --enable-feature=${flag})` : '';
}

/**
 * A field the target version lacks: Prometheus or Alertmanager would refuse the file (or, for a
 * label name, the series). The facts, with their sources, are in src/model/version-facts.ts.
 */
export const versionUnsupported: Check = {
  id: 'version/unsupported',
  severity: 'error',
  description: 'Definitions and PromQL functions use only what the target Prometheus and Alertmanager versions have (versions: { prometheus, alertmanager }).',
  run({ model, expressions }, report) {
    const targets = model.versions;
    for (const use of uses(model)) {
      if (has(targets, use.fact)) continue;
      const program = FACTS[use.fact].program;
      const gap = lacking(use.fact, targets[program]);
      const supported: readonly string[] = program === 'prometheus' ? PROMETHEUS_VERSIONS : ALERTMANAGER_VERSIONS;
      const enough = supported.find((v) => atLeast(v, FACTS[use.fact].since));
      const finding: Finding = {
        message: `${use.what} uses ${gap.feature}, which ${gap.target} (the target version, ${ORIGIN[targets.from[program]]}) does not have: it came in ${gap.since}`,
        hint: enough
          ? `if your ${program === 'prometheus' ? 'Prometheus' : 'Alertmanager'} is ${FACTS[use.fact].since} or newer, set versions: { ${program}: '${enough}' } in defineProject or totem-mon.config.ts; otherwise remove it`
          : 'remove it',
        ...use.at,
      };
      report(finding);
    }
    for (const e of expressions) {
      for (const use of promqlUses(e)) {
        const finding = promqlFinding(e, use, targets.prometheus, ORIGIN[targets.from.prometheus]);
        if (finding) report(finding);
      }
    }
  },
};
