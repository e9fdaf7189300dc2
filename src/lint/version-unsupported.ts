import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, ownerName } from './check.js';
import { AGGREGATION_FACTS, EXPERIMENTAL_FUNCTIONS, FUNCTION_FACTS, SYNTAX_FACTS, type PromqlFact, type SyntaxId } from '../model/promql-version-facts.js';
import { flatRoot } from '../promql/parse.js';
import { NODE_SIZE, type FlatTree } from '../promql/flat-tree.js';
import type { Located, Model } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { LABEL_NAME } from '../model/names.js';
import { availability, FACTS, lacking, type FactId, type VersionFact } from '../model/version-facts.js';
import { atLeast } from '../model/version-order.js';
import { allFrom, someFrom } from '../model/version-range.js';
import { relabelRulesOf } from './scrape-jobs.js';
import { routeName } from './alertmanager-group-by-label.js';
import type { AlertmanagerModel, RouteModel } from '../model/alertmanager.js';

const ORIGIN = { config: 'from totem-mon.config.ts', project: 'from the project', installed: 'the installed tool', default: 'the default' } as const;

type Use = { fact: FactId; what: string; at: Located };

/** A label name only Alertmanager's UTF-8 parser (0.27) reads; `...` in groupBy is no label. */
const utf8Label = (label: string) => label !== '...' && !LABEL_NAME.test(label);

/**
 * The routes' gated fields, depth first. `grouped`: whether a route above groups by some label (a
 * non-empty groupBy): only then does an empty groupBy differ between the releases that ignore it
 * (before 0.31: the route keeps the parent's grouping) and those that read it (no grouping).
 */
function* routeUses(route: RouteModel, position: number[], grouped: boolean): Generator<Use> {
  const name = routeName(position);
  if (route.matchers.length > 0) yield { fact: 'matchers', what: name, at: locatedAt(route, 'matchers') };
  for (const m of route.matchers) {
    if (utf8Label(m.label)) yield { fact: 'utf8Matchers', what: `${name} (matcher on ${JSON.stringify(m.label)})`, at: locatedAt(route, 'matchers', m.label) };
  }
  for (const [i, label] of (route.groupBy ?? []).entries()) {
    if (utf8Label(label)) yield { fact: 'utf8Matchers', what: `${name} (groupBy ${JSON.stringify(label)})`, at: locatedAt(route, `groupBy[${i}]`) };
  }
  if (position.length > 0 && grouped && route.groupBy?.length === 0) yield { fact: 'emptyGroupBy', what: name, at: locatedAt(route, 'groupBy') };
  if (route.muteTimeIntervals.length > 0) yield { fact: 'muteTimeIntervals', what: name, at: locatedAt(route, 'muteTimeIntervals') };
  if (route.activeTimeIntervals.length > 0) yield { fact: 'activeTimeIntervals', what: name, at: locatedAt(route, 'activeTimeIntervals') };
  const groups = grouped || (route.groupBy?.length ?? 0) > 0;
  for (const [i, child] of route.routes.entries()) yield* routeUses(child, [...position, i], groups);
}

/** Every use of a version-gated field in the Alertmanager configuration: routes, inhibit rules, time intervals, receivers. */
function* alertmanagerUses(am: AlertmanagerModel): Generator<Use> {
  yield* routeUses(am.route, [], false);
  for (const [i, rule] of am.inhibitRules.entries()) {
    const name = `inhibitRules[${i}]`;
    yield { fact: 'matchers', what: name, at: locatedAt(rule, 'sourceMatchers') };
    for (const side of ['sourceMatchers', 'targetMatchers'] as const) {
      for (const m of rule[side]) {
        if (utf8Label(m.label)) yield { fact: 'utf8Matchers', what: `${name} (matcher on ${JSON.stringify(m.label)})`, at: locatedAt(rule, side, m.label) };
      }
    }
    for (const [j, label] of rule.equal.entries()) {
      if (utf8Label(label)) yield { fact: 'utf8Equal', what: `${name} (equal ${JSON.stringify(label)})`, at: locatedAt(rule, `equal[${j}]`) };
    }
  }
  // An alert with such a label: Alertmanager before 0.27 refuses it, amtool its label argument.
  for (const test of am.tests) {
    for (const [j, alert] of [test, ...test.alsoFiring].entries()) {
      for (const label of Object.keys(alert.labels).filter(utf8Label)) {
        const at = j === 0 ? locatedAt(test, 'labels', label) : locatedAt(test, `alsoFiring[${j - 1}]`, 'labels', label);
        yield { fact: 'utf8Matchers', what: `routing test "${test.name}" (label ${JSON.stringify(label)})`, at };
      }
    }
  }
  for (const t of am.timeIntervals) {
    yield { fact: 'timeIntervals', what: `time interval ${t.name}`, at: t };
    for (const [i, p] of t.periods.entries()) {
      if (p.location !== undefined) yield { fact: 'timeIntervalLocation', what: `time interval ${t.name}`, at: locatedAt(t, `periods[${i}]`, 'location') };
    }
  }
  const global = locatedAt(am, 'global');
  if (am.global.smtp?.authPasswordFile !== undefined) yield { fact: 'smtpPasswordFile', what: 'global.smtp', at: locatedAt(global, 'smtp', 'authPassword') };
  if (am.global.slackApiUrlFile !== undefined) yield { fact: 'slackApiUrlFile', what: 'global', at: locatedAt(global, 'slackApiUrl') };
  for (const r of am.receivers) {
    const what = (kind: string, i: number) => `receiver ${r.name} ${kind}[${i}]`;
    for (const [i, c] of r.email.entries()) if (c.authPasswordFile !== undefined) yield { fact: 'smtpPasswordFile', what: what('email', i), at: locatedAt(r, `email[${i}]`, 'authPassword') };
    for (const [i, c] of r.slack.entries()) if (c.apiUrlFile !== undefined) yield { fact: 'slackApiUrlFile', what: what('slack', i), at: locatedAt(r, `slack[${i}]`, 'apiUrl') };
    for (const [i, c] of r.webhook.entries()) if (c.authorization !== undefined) yield { fact: 'httpAuthorization', what: what('webhook', i), at: locatedAt(r, `webhook[${i}]`, 'authorization') };
    const kinds = [['telegram', 'telegramBotTokenFile'], ['discord', 'discordWebhookUrlFile'], ['msteams', 'msteams'], ['webex', 'webex']] as const;
    for (const [kind, fact] of kinds) {
      for (const i of r[kind].keys()) yield { fact, what: what(kind, i), at: locatedAt(r, `${kind}[${i}]`) };
    }
    for (const i of r.webex.keys()) yield { fact: 'httpAuthorization', what: what('webex', i), at: locatedAt(r, `webex[${i}]`, 'authorization') };
    for (const [i, c] of r.pagerduty.entries()) {
      const key = c.routingKeyFile !== undefined ? 'routingKey' : c.serviceKeyFile !== undefined ? 'serviceKey' : undefined;
      if (key) yield { fact: 'pagerdutyKeyFiles', what: what('pagerduty', i), at: locatedAt(r, `pagerduty[${i}]`, key) };
    }
  }
}

/** Every use of a version-gated feature in the model: which fact, what uses it, where. */
function* uses(model: Model): Generator<Use> {
  if (model.alertmanager) yield* alertmanagerUses(model.alertmanager);
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

/** The syntax each node name can be a use of (AggregateOp: the aggregations, read from its text). */
const NODE_FACTS: Readonly<Record<string, readonly SyntaxId[]>> = {
  QuotedLabelName: ['quotedGroupingLabel', 'quotedLabelMatcher'],
  DurationExpr: ['durationArithmetic'],
  OffsetDurationExpr: ['durationArithmetic'],
  NumberDurationLiteralInDurationContext: ['numberAsDuration'],
  NumberDurationLiteral: ['numberAsDuration'],
  Anchored: ['extendedRangeSelectors'],
  Smoothed: ['extendedRangeSelectors'],
  FillModifier: ['fillModifiers'],
  TrimUpper: ['trimOperators'],
  TrimLower: ['trimOperators'],
  ...Object.fromEntries(Object.entries(DURATION_FUNCTIONS).map(([name, id]) => [name, [id]])),
};

/**
 * What a target version lacks, worked out once per run: the walk then looks at the nodes that
 * could be such a use and nothing else (most expressions have none: a loop over numbers).
 */
interface Lacks {
  /** The node names worth a look: those whose syntax the target lacks, AggregateOp when it lacks an aggregation. */
  nodes: ReadonlySet<string>;
  aggregations: ReadonlySet<string>;
  /** Their lengths: an aggregation of another length is not looked up (no copy of its text). */
  aggregationLengths: ReadonlySet<number>;
  /** Function names the target lacks (or has only behind a flag), filled as calls are met. */
  functions: Map<string, boolean>;
  target: string;
  /** `nodes` as a table by type id (1: worth a look), made once per node set's list of type names. */
  byTypeId: WeakMap<readonly string[], Uint8Array>;
}

/** Which type ids are of `lacks.nodes`' names, for a tree whose node set names its types `names`. */
function wantedTypeIds(lacks: Lacks, names: readonly string[]): Uint8Array {
  let wanted = lacks.byTypeId.get(names);
  if (!wanted) {
    wanted = new Uint8Array(names.length);
    names.forEach((name, id) => (wanted![id] = lacks.nodes.has(name) ? 1 : 0));
    lacks.byTypeId.set(names, wanted);
  }
  return wanted;
}

function lacksOf(target: string): Lacks {
  const aggregations = new Set(Object.keys(AGGREGATION_FACTS).filter((op) => availability(AGGREGATION_FACTS[op]!, target) !== true));
  const nodes = new Set(Object.keys(NODE_FACTS).filter((name) => NODE_FACTS[name]!.some((id) => availability(SYNTAX_FACTS[id], target) !== true)));
  if (aggregations.size > 0) nodes.add('AggregateOp');
  return { nodes, aggregations, aggregationLengths: new Set([...aggregations].map((op) => op.length)), functions: new Map(), target, byTypeId: new WeakMap() };
}

function lacksFunction(lacks: Lacks, name: string): boolean {
  let lacking = lacks.functions.get(name);
  if (lacking === undefined) {
    const fact = FUNCTION_FACTS[name];
    lacks.functions.set(name, (lacking = fact !== undefined && availability(fact, lacks.target) !== true));
  }
  return lacking;
}

/**
 * Every function call, aggregation and gated piece of syntax in an expression that the target may
 * lack (a use of what every target has is left out: it could not be a finding), in document order.
 */
function promqlUses(e: AnalyzedExpression, lacks: Lacks): PromqlUse[] {
  const found: PromqlUse[] = [];
  for (const call of e.analysis.calls) {
    if (lacksFunction(lacks, call.name)) found.push({ what: `${call.name}()`, name: call.name, fact: FUNCTION_FACTS[call.name]!, from: call.from, to: call.from + call.name.length });
  }
  const flat = lacks.nodes.size > 0 ? flatRoot(e.analysis.parsed) : undefined;
  if (!flat) return found;
  const { tree, root } = flat;
  const syntax = (id: SyntaxId, from: number, to: number): PromqlUse => ({ what: SYNTAX_FACTS[id].feature, fact: SYNTAX_FACTS[id], from, to });
  /** The name of the node `up` levels above `node` ('' above the root). */
  const above = (node: number, up: number): string => {
    for (let n = node; n >= 0; up--) {
      n = tree.parentOf(root, n);
      if (up === 1) return n >= 0 ? tree.name(n) : '';
    }
    return '';
  };
  // Most nodes are of no interest: the loop reads their type ids alone, and finds a parent only for those that need one.
  const wanted = wantedTypeIds(lacks, tree.typeNames);
  for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
    if (wanted[tree.typeId(node)] !== 1) continue;
    const name = tree.name(node);
    const from = tree.from(node);
    const to = tree.to(node);
    switch (name) {
      case 'AggregateOp': {
        if (!lacks.aggregationLengths.has(to - from)) break;
        const op = e.text.slice(from, to).toLowerCase();
        if (lacks.aggregations.has(op)) found.push({ what: `${op}()`, name: op, fact: AGGREGATION_FACTS[op]!, from, to });
        break;
      }
      case 'QuotedLabelName':
        found.push(syntax(above(node, 1) === 'GroupingLabels' ? 'quotedGroupingLabel' : 'quotedLabelMatcher', from, to));
        break;
      case 'DurationExpr':
        // A duration inside a duration: parentheses or arithmetic (`[5m + 1m]`, `offset (1h)`).
        // Its own nodes first: most ranges are one literal (`[5m]`), and finding the parent descends from the root.
        if (durationArithmetic(tree, node) && !IN_DURATION.has(above(node, 1))) found.push(syntax('durationArithmetic', from, to));
        break;
      case 'OffsetDurationExpr':
        if (tree.child(node, 'DurationExpr') >= 0 && above(node, 1) !== 'OffsetDurationExpr') found.push(syntax('durationArithmetic', from, to));
        break;
      case 'NumberDurationLiteralInDurationContext':
        // A whole duration (`x[300]`, `offset 60`), not a factor in duration arithmetic (`(1h * 2)`).
        if (!DURATION.test(e.text.slice(from, to)) && !IN_DURATION.has(above(node, 2))) found.push(syntax('numberAsDuration', from, to));
        break;
      case 'NumberDurationLiteral':
        // A duration ends in its unit's letter; a number (`0.05`, every threshold) is passed over without a copy of its text.
        if (endsInLetter(e.text, to) && DURATION.test(e.text.slice(from, to))) found.push(syntax('numberAsDuration', from, to));
        break;
      case 'Anchored':
      case 'Smoothed':
        found.push(syntax('extendedRangeSelectors', from, to));
        break;
      case 'FillModifier':
        found.push(syntax('fillModifiers', from, to));
        break;
      case 'TrimUpper':
      case 'TrimLower':
        found.push(syntax('trimOperators', from, to));
        break;
      default:
        if (DURATION_FUNCTIONS[name]) found.push(syntax(DURATION_FUNCTIONS[name], from, to));
    }
  }
  return found;
}

/** Whether the character before `to` is a lower-case ASCII letter (a duration's unit ends so). */
function endsInLetter(text: string, to: number): boolean {
  const c = text.charCodeAt(to - 1);
  return c >= 0x61 && c <= 0x7a;
}

/** Whether a duration holds more than one literal: an operator, parentheses or a duration function. */
function durationArithmetic(tree: FlatTree, node: number): boolean {
  for (let n = node + NODE_SIZE, end = tree.endOf(node); n < end; n += NODE_SIZE) {
    const name = tree.name(n);
    if (name === 'DurationExpr' || ARITHMETIC.has(name) || name === 'UnaryOp') return true;
  }
  return false;
}

/** "set versions: { prometheus: '2.51' } (or the release it runs, or '>=2.51')": the target that has what came in `since`. */
function setTarget(program: string, since: string): string {
  return `set versions: { ${program}: '${since}' } (or the release it runs, or '>=${since}')`;
}

/**
 * A function, aggregation or syntax the target Prometheus lacks, or has only behind a feature flag.
 * A target admits several versions (`3.x`, `>=2.53`): it lacks what one of them lacks.
 */
function promqlFinding(e: AnalyzedExpression, use: PromqlUse, target: string, origin: string): Finding | undefined {
  const { fact } = use;
  const available = availability(fact, target);
  if (available === true) return undefined;
  const where = `${ownerName(e)} uses ${use.what}`;
  const targetText = `Prometheus ${target} (the target version, ${origin})`;
  const flagText = fact.flag ? ` --enable-feature=${fact.flag}` : '';
  const other = fact.otherName ? FUNCTION_FACTS[fact.otherName] : undefined;
  // holt_winters on `>=2.53`: 2.53 lacks one name, 3.0 the other.
  const neither =
    fact.otherName && other && availability(other, target) === false
      ? `no one name works on every version the target admits: set versions: { prometheus: '…' } to the Prometheus production runs (${namesByVersion(use.name!, fact, fact.otherName, other)})`
      : undefined;
  if (fact.removedIn && allFrom(target, fact.since) && someFrom(target, fact.removedIn)) {
    return {
      message: `${where}, which ${targetText} does not have: ${fact.otherName ? `Prometheus ${fact.removedIn} renamed it ${fact.otherName}` : `it was removed in Prometheus ${fact.removedIn}`}`,
      hint:
        neither ??
        (fact.otherName
          ? `write ${fact.otherName}(…)${otherFlag(fact.otherName)}, or set versions: { prometheus: '2.53' } if production runs Prometheus 2`
          : `remove it, or set versions: { prometheus: '…' } to a release before ${fact.removedIn} if production runs one`),
      ...at(e, use.from, use.to),
    };
  }
  if (available === false) {
    const flagged = fact.flag && !(fact.flagUntil && atLeast(fact.since, fact.flagUntil)) ? ` (behind the feature flag ${fact.flag})` : '';
    return {
      message: `${where}, which ${targetText} does not have: it came in Prometheus ${fact.since}${flagged}`,
      hint:
        neither ??
        (fact.otherName
          ? `write ${fact.otherName}(…), its name before Prometheus ${fact.since}`
          : `if your Prometheus is ${fact.since} or newer${flagged ? ` and runs with${flagText}` : ''}, ${setTarget('prometheus', fact.since)}; otherwise do without it`),
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

/** "before 3.0 for holt_winters, 3.0 or newer for double_exponential_smoothing": which releases have which name (the older name first). */
function namesByVersion(name: string, fact: PromqlFact, otherName: string, other: PromqlFact): string {
  const [older, newer] = fact.removedIn ? [name, otherName] : [otherName, name];
  return `before ${(fact.removedIn ?? other.removedIn)!} for ${older}, ${(fact.removedIn ? other : fact).since} or newer for ${newer}`;
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
      const fact: VersionFact = FACTS[use.fact];
      const target = targets[fact.program];
      const available = availability(fact, target);
      if (available === true) continue;
      const gap = lacking(use.fact, target);
      const targetText = `${gap.target} (the target version, ${ORIGIN[targets.from[fact.program]]})`;
      const why = !allFrom(target, fact.since)
        ? `does not have: it came in ${gap.since}`
        : available === 'flag'
          ? `has only behind the feature flag ${fact.flag}`
          : `does not have: it was removed in ${gap.program} ${fact.removedIn}`;
      const finding: Finding = {
        message: `${use.what} uses ${gap.feature}, which ${targetText} ${why}`,
        hint: !allFrom(target, fact.since)
          ? `if your ${gap.program} is ${fact.since} or newer, ${setTarget(fact.program, fact.since)} in defineProject or totem-mon.config.ts; otherwise remove it`
          : available === 'flag'
            ? `run ${gap.program} with --enable-feature=${fact.flag} (and ignore this finding with that reason), or remove it`
            : 'remove it',
        ...use.at,
      };
      report(finding);
    }
    const lacks = lacksOf(targets.prometheus);
    for (const e of expressions) {
      for (const use of promqlUses(e, lacks)) {
        const finding = promqlFinding(e, use, targets.prometheus, ORIGIN[targets.from.prometheus]);
        if (finding) report(finding);
      }
    }
  },
};
