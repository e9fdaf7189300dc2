import type { AnalyzedExpression, Check, CheckContext, Finding } from './check.js';
import { targetExpressionOf } from './expression-at.js';
import { at, hasVariable, labelsFromVariable, ownerName } from './check.js';
import { callArgument, type CallRef, type GroupingRef, type SelectorRef } from '../promql/analyze.js';
import { finiteNames } from '../promql/finite-regex.js';
import type { Catalogue } from '../model/catalogue.js';
import { argumentsOf, EXPRESSION_NODES, flatRoot, unquote } from '../promql/parse.js';
import { didYouMean } from '../suggest.js';
import { labelNamesAnywhere } from './label-names-anywhere.js';
import { clauseLacksWithoutScrape } from './scrape-removed.js';
import { allPanels } from '../model/dashboard.js';

const clauseText = { by: 'by', without: 'without', on: 'on', ignoring: 'ignoring', group_left: 'group_left', group_right: 'group_right' };

/** For `on (x)`: which side of its operation lacks x (the innermost operation whose clause it is in). */
function sidesLacking(e: AnalyzedExpression, g: GroupingRef): string {
  const b = e.analysis.binaries.find((b) => b.matching?.clause === 'on' && g.from >= b.opFrom && g.to <= b.to);
  if (!b || b.lhs.kind !== 'vector' || b.rhs.kind !== 'vector') return 'both sides of the operation have';
  const left = b.lhs.labels.has(g.label);
  const right = b.rhs.labels.has(g.label);
  return left && !right ? 'the right-hand side has' : right && !left ? 'the left-hand side has' : 'both sides of the operation have';
}

/**
 * The arguments of a call that name labels of its first argument's series, read (not written): the
 * source label(s) of label_replace and label_join, the labels sort_by_label sorts by.
 */
const SOURCE_LABEL_ARGUMENTS: Record<string, (index: number) => boolean> = {
  label_replace: (i) => i === 3,
  label_join: (i) => i >= 3,
  sort_by_label: (i) => i >= 1,
  sort_by_label_desc: (i) => i >= 1,
};

/** The label names a call reads from its series, as string literals with their spans. */
function sourceLabels(e: AnalyzedExpression, call: CallRef): Array<{ label: string; from: number; to: number }> {
  const reads = SOURCE_LABEL_ARGUMENTS[call.name];
  if (!reads) return [];
  const found: Array<{ label: string; from: number; to: number }> = [];
  for (let i = 1; i < call.argKinds.length; i++) {
    if (!reads(i) || call.argKinds[i] !== 'StringLiteral') continue;
    const arg = callArgument(call, i);
    if (!arg) continue;
    const from = arg.tree.from(arg.node);
    const to = arg.tree.to(arg.node);
    found.push({ label: unquote(e.text.slice(from, to)), from, to });
  }
  return found;
}

/**
 * A selector without a name whose `__name__=~"…"` regex lists catalogue series (`"a|b"`,
 * `"http_(requests|errors)_total"`): those names and the union of their labels. Undefined when
 * the regex may match a name outside the catalogue (`.*`, a name it does not know), as Prometheus
 * reads it (RE2, anchored).
 */
function regexNamed(selector: SelectorRef, catalogue: Catalogue): { names: string[]; labels: string[]; dropped: string[]; written: string } | undefined {
  const listed = finiteNames(selector.matchers);
  if (!listed) return undefined;
  const labels = new Set<string>();
  const dropped = new Set<string>();
  for (const name of listed.names) {
    const entry = catalogue.get(name);
    if (!entry?.labels) return undefined;
    for (const l of entry.labels) labels.add(l);
    for (const l of entry.dropped ?? []) dropped.add(l);
  }
  return { names: listed.names, labels: [...labels].sort(), dropped: [...dropped], written: `{__name__=~${JSON.stringify(listed.regex)}}` };
}

/** A selector that names no metric at all: no name, no `__name__=` or `__name__=~` matcher (`{mehtod="GET"}`). */
function namesNoMetric(selector: SelectorRef): boolean {
  return selector.name === undefined && !selector.matchers.some((m) => m.label === '__name__' && (m.op === '=' || m.op === '=~'));
}

/**
 * The panel queries sent to another data source than Prometheus (each panel's own, titles may repeat): a Loki metric query
 * (`sum(count_over_time({app="api"}[5m]))`) reads as PromQL, but its selectors are log streams.
 */
function otherDatasourceQueries(context: CheckContext): Set<AnalyzedExpression> {
  const queries = new Set<AnalyzedExpression>();
  for (const d of context.model.dashboards) {
    for (const panel of allPanels(d)) {
      for (const t of panel.targets) {
        const source = t.datasource ?? panel.datasource;
        const e = source !== undefined && source.type !== 'prometheus' ? targetExpressionOf(context, t) : undefined;
        if (e) queries.add(e);
      }
    }
  }
  return queries;
}

/** `x=""` and `x!~".+"` select series without the label: meaningful on any metric. */
function selectsWithout(m: { op: string; value: string }): boolean {
  return (m.op === '=' && m.value === '') || (m.op === '!~' && (m.value === '.+' || m.value === '.*'));
}

/**
 * A selector without a metric name may match any series, the catalogue's and others (Prometheus'
 * own, an exporter's undeclared ones): a matcher on a label that no catalogue metric, scrape job,
 * rule or external label has is most likely a typo, but only likely. A warning (docs page).
 */
function unnamedSelector(e: AnalyzedExpression, selector: SelectorRef, anywhere: ReadonlySet<string>, report: (f: Finding) => void): void {
  for (const m of selector.matchers) {
    // `__…` labels are Prometheus' own; `exported_x` is stored for a declared x a target also sets.
    if (m.label.startsWith('__') || m.label.startsWith('exported_') || anywhere.has(m.label) || selectsWithout(m)) continue;
    // A Grafana variable standing for the label name (its value is unknown offline).
    if (hasVariable(e, m.from, m.from + m.label.length + 2)) continue;
    report({
      severity: 'warning',
      message: `${ownerName(e)} filters a selector without a metric name on label "${m.label}", but no metric in the catalogue has label "${m.label}", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, the selector selects nothing.${didYouMean(m.label, anywhere)}`,
      hint: `fix the label name, or declare the metric that carries "${m.label}" (with its labels) in the catalogue`,
      ...at(e, m.from, m.to),
    });
  }
}

/** What a clause on a label no series has does (for the message on a selector without a metric name). */
const NAMELESS_EFFECT: Record<GroupingRef['clause'], string> = {
  by: 'every series falls in one group',
  without: 'nothing is removed',
  on: 'both sides match on an empty value',
  ignoring: 'nothing is ignored',
  group_left: 'it copies an empty value',
  group_right: 'it copies an empty value',
};

/**
 * The span of the series a grouping clause reads: an aggregation's argument(s), both sides of a
 * matching (`on`, `ignoring`), the "one" side whose labels group_left/right copies. Undefined when
 * the clause's operation is not found in the parse.
 */
function clauseInput(e: AnalyzedExpression, g: GroupingRef): { from: number; to: number } | undefined {
  const flat = flatRoot(e.analysis.parsed);
  if (!flat) return undefined;
  const { tree, root } = flat;
  let node = tree.find(root, 'LabelName', g.from, g.to);
  if (node < 0) node = tree.find(root, 'QuotedLabelName', g.from, g.to);
  while (node >= 0 && tree.name(node) !== 'AggregateExpr' && tree.name(node) !== 'BinaryExpr') node = tree.parentOf(root, node);
  if (node < 0) return undefined;
  const operands: number[] = tree.name(node) === 'AggregateExpr' ? argumentsOf(tree, node) : [];
  const end = tree.endOf(node);
  if (tree.name(node) === 'BinaryExpr') for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) if (EXPRESSION_NODES.has(tree.name(c))) operands.push(c);
  if (operands.length === 0) return undefined;
  // group_left copies from the right-hand side, group_right from the left-hand one.
  const side = g.clause === 'group_left' ? operands[1] : g.clause === 'group_right' ? operands[0] : undefined;
  if (side !== undefined) return { from: tree.from(side), to: tree.to(side) };
  return { from: tree.from(operands[0]!), to: tree.to(operands.at(-1)!) };
}

/**
 * A by/without/on/ignoring/group_* label over selectors without a metric name (`sum by (servce)
 * ({job="api"})`): like their matchers (unnamedSelector), a label that no catalogue metric, scrape
 * job, rule or external label has is most likely a typo, but only likely: a warning. Only when
 * every selector the clause reads names no metric or one the catalogue knows (whose labels are all
 * in `anywhere`), and nothing in there writes the label (label_replace, count_values).
 */
function namelessGrouping(e: AnalyzedExpression, g: GroupingRef, anywhere: ReadonlySet<string>, catalogue: Catalogue, report: (f: Finding) => void): void {
  if (g.label.startsWith('__') || g.label.startsWith('exported_') || anywhere.has(g.label) || hasVariable(e, g.from, g.to)) return;
  const input = clauseInput(e, g);
  if (!input) return;
  const read = e.analysis.selectors.filter((s) => s.from >= input.from && s.to <= input.to);
  if (!read.some(namesNoMetric)) return;
  const known = (s: SelectorRef) => namesNoMetric(s) || (s.name !== undefined ? catalogue.get(s.name)?.labels !== undefined : regexNamed(s, catalogue) !== undefined);
  if (!read.every(known)) return;
  // A label the expression writes there (label_replace's destination, count_values' label) as a string.
  const inside = e.text.slice(input.from, input.to);
  if ([`"${g.label}"`, `'${g.label}'`, `\`${g.label}\``].some((q) => inside.includes(q))) return;
  report({
    severity: 'warning',
    message: `${ownerName(e)} uses ${clauseText[g.clause]} (${g.label}) over a selector without a metric name, but no metric in the catalogue has label "${g.label}", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, ${NAMELESS_EFFECT[g.clause]}.${didYouMean(g.label, anywhere)}`,
    hint: `fix the label name, or declare the metric that carries "${g.label}" (with its labels) in the catalogue`,
    ...at(e, g.from, g.to),
  });
}

export const promqlUnknownLabel: Check = {
  id: 'promql/unknown-label',
  severity: 'error',
  description: 'Label matchers, by/without/on/ignoring/group_* and the source labels of label_replace/label_join/sort_by_label name labels the series really have.',
  run(context, report) {
    const { expressions, catalogue, model } = context;
    // Made at the first selector without a metric name (few projects write one).
    let anywhere: ReadonlySet<string> | undefined | null = null;
    let otherSources: Set<AnalyzedExpression> | undefined;
    for (const e of expressions) {
      for (const selector of e.analysis.selectors) {
        if (namesNoMetric(selector)) {
          anywhere = anywhere === null ? labelNamesAnywhere(model, catalogue, expressions) : anywhere;
          otherSources ??= otherDatasourceQueries(context);
          if (anywhere && !(e.context === 'panel' && otherSources.has(e))) unnamedSelector(e, selector, anywhere, report);
          continue;
        }
        const entry = selector.name !== undefined ? catalogue.get(selector.name) : undefined;
        const byRegex = entry?.labels ? undefined : regexNamed(selector, catalogue);
        const labels = entry?.labels ?? byRegex?.labels;
        if (!labels) continue;
        for (const m of selector.matchers) {
          // A declared label metricRelabel removes: scrape/dropped-label names the rule.
          if (m.label === '__name__' || labels.includes(m.label) || (entry?.dropped ?? byRegex?.dropped)?.includes(m.label)) continue;
          if (selectsWithout(m)) continue;
          report({
            message: byRegex
              ? `${ownerName(e)} filters ${byRegex.written} (${byRegex.names.join(', ')}) on label "${m.label}", which none of those metrics has.${didYouMean(m.label, labels)}`
              : `${ownerName(e)} filters "${selector.name}" on label "${m.label}", which that metric does not have.${didYouMean(m.label, labels)}`,
            hint: byRegex ? `their labels are: ${labels.join(', ')}` : `its labels are: ${labels.join(', ')}`,
            ...at(e, m.from, m.to),
          });
        }
      }
      const dropped = new Set(
        e.analysis.selectors.flatMap((sel) => (sel.name !== undefined ? (catalogue.get(sel.name)?.dropped ?? []) : (regexNamed(sel, catalogue)?.dropped ?? []))),
      );
      // A Grafana variable outside the selectors (`sum by ($group) (…)`) may name the labels that are left.
      const variableLabels = labelsFromVariable(e);
      for (const call of e.analysis.calls) {
        const input = call.args[0];
        // Bounded: no series there has a label outside its labels (a `__name__` regex's union counts).
        if (input?.kind !== 'vector' || !input.bounded || variableLabels) continue;
        for (const source of sourceLabels(e, call)) {
          // "" reads nothing; the metric name is on every selected series.
          if (source.label === '' || source.label === '__name__' || input.labels.has(source.label) || hasVariable(e, source.from, source.to)) continue;
          const effect = call.name.startsWith('sort_by_label') ? 'it sorts by an empty value' : 'the source value is always empty';
          report({
            message: `${ownerName(e)} reads label "${source.label}" in ${call.name}(), but its series have no label "${source.label}": ${effect}.${didYouMean(source.label, input.labels)}`,
            hint: input.labels.size > 0 ? `labels available there: ${[...input.labels].sort().join(', ')}` : 'no labels are left there',
            ...at(e, source.from, source.to),
          });
        }
      }
      for (const g of e.analysis.groupings) {
        if (!g.available) {
          // Over selectors without a metric name (their labels are not known): a warning, as for their matchers.
          if (!e.analysis.selectors.some(namesNoMetric) || dropped.has(g.label)) continue;
          anywhere = anywhere === null ? labelNamesAnywhere(model, catalogue, expressions) : anywhere;
          otherSources ??= otherDatasourceQueries(context);
          if (anywhere && !(e.context === 'panel' && otherSources.has(e))) namelessGrouping(e, g, anywhere, catalogue, report);
          continue;
        }
        if (g.available.has(g.label) || hasVariable(e, g.from, g.to) || variableLabels) continue;
        // A label the scrape removes: scrape/dropped-label names the rule, unless the expression drops it there anyway.
        if (dropped.has(g.label) && !clauseLacksWithoutScrape(context, e, g)) continue;
        // The metric name: every selected series has one (grouping or matching by it keeps it).
        if (g.label === '__name__') continue;
        if (g.clause === 'without' || g.clause === 'ignoring') {
          // Removing a label that is not there does nothing: the query runs, but not as meant (a typo).
          const where = g.clause === 'without' ? 'the aggregated series have no label' : 'neither side of the operation has a label';
          report({
            severity: 'warning',
            message: `${ownerName(e)} uses ${g.clause} (${g.label}), but ${where} "${g.label}": nothing is removed.${didYouMean(g.label, g.available)}`,
            hint: g.available.size > 0 ? `labels available there: ${[...g.available].sort().join(', ')}` : 'no labels are left there; remove the clause',
            ...at(e, g.from, g.to),
          });
          continue;
        }
        const where =
          g.clause === 'on' ? sidesLacking(e, g) : g.clause === 'group_left' ? 'the right-hand side has' : g.clause === 'group_right' ? 'the left-hand side has' : 'the aggregated series have';
        report({
          message: `${ownerName(e)} uses ${clauseText[g.clause]} (${g.label}), but ${where} no label "${g.label}".${didYouMean(g.label, g.available)}`,
          hint: g.available.size > 0 ? `labels available there: ${[...g.available].sort().join(', ')}` : 'no labels are left there',
          ...at(e, g.from, g.to),
        });
      }
    }
  },
};
