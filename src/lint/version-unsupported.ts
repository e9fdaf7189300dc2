import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, ownerName } from './check.js';
import { FUNCTION_FACTS, GATED_AGGREGATIONS } from '../promql/function-versions.js';
import { flatRoot } from '../promql/parse.js';
import { NODE_SIZE } from '../promql/flat-tree.js';
import type { Located, Model } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { LABEL_NAME } from '../model/names.js';
import { ALERTMANAGER_VERSIONS, atLeast, FACTS, has, lacking, PROMETHEUS_VERSIONS, type FactId } from '../model/version-facts.js';
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

/** The version-gated functions and aggregations an expression uses, with where each name is written. */
function* gatedFunctions(e: AnalyzedExpression): Generator<{ name: string; from: number; to: number }> {
  for (const call of e.analysis.calls) if (FUNCTION_FACTS[call.name]) yield { name: call.name, from: call.from, to: call.from + call.name.length };
  // Aggregations are no calls: their operator nodes, in the few expressions that name one.
  if (![...GATED_AGGREGATIONS].some((name) => e.text.includes(name))) return;
  const flat = flatRoot(e.analysis.parsed);
  if (!flat) return;
  const { tree, root } = flat;
  for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
    if (tree.name(node) !== 'AggregateOp') continue;
    const name = e.text.slice(tree.from(node), tree.to(node));
    if (GATED_AGGREGATIONS.has(name)) yield { name, from: tree.from(node), to: tree.to(node) };
  }
}

/** A function the target Prometheus lacks, or has only behind its experimental-functions flag. */
function functionFinding(e: AnalyzedExpression, use: { name: string; from: number; to: number }, target: string, origin: string): Finding | undefined {
  const fact = FUNCTION_FACTS[use.name]!;
  const where = `${ownerName(e)} uses ${use.name}()`;
  const targetText = `Prometheus ${target} (the target version, ${origin})`;
  if (fact.removedIn && atLeast(target, fact.removedIn)) {
    return {
      message: `${where}, which ${targetText} does not have: ${fact.otherName ? `Prometheus ${fact.removedIn} renamed it ${fact.otherName}` : `it was removed in Prometheus ${fact.removedIn}`}`,
      hint: fact.otherName
        ? `write ${fact.otherName}(…) (run Prometheus with --enable-feature=promql-experimental-functions), or set versions: { prometheus: '2.53' } if production runs Prometheus 2`
        : 'remove it',
      ...at(e, use.from, use.to),
    };
  }
  if (fact.since && !atLeast(target, fact.since)) {
    const enough = PROMETHEUS_VERSIONS.find((v) => atLeast(v, fact.since!));
    return {
      message: `${where}, which ${targetText} does not have: it came in Prometheus ${fact.since}${fact.experimental ? ' (behind the feature flag promql-experimental-functions)' : ''}`,
      hint: fact.otherName
        ? `write ${fact.otherName}(…), its name before Prometheus ${fact.since}`
        : `if your Prometheus is ${fact.since} or newer${fact.experimental ? ' and runs with --enable-feature=promql-experimental-functions' : ''}, set versions: { prometheus: '${enough}' }; otherwise remove it`,
      ...at(e, use.from, use.to),
    };
  }
  if (!fact.experimental) return undefined;
  return {
    message: `${where}, which ${targetText} has only behind the feature flag promql-experimental-functions: without it Prometheus and promtool refuse the expression (function "${use.name}" is not enabled)`,
    hint: 'run Prometheus with --enable-feature=promql-experimental-functions (and ignore this finding with that reason), or do without it',
    ...at(e, use.from, use.to),
  };
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
      for (const use of gatedFunctions(e)) {
        const finding = functionFinding(e, use, targets.prometheus, ORIGIN[targets.from.prometheus]);
        if (finding) report(finding);
      }
    }
  },
};
