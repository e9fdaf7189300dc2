import type { Check } from './check.js';
import type { Located, Model } from '../model/types.js';
import type { OutputProfile } from '../model/outputs.js';
import { locatedAt } from '../model/located.js';

/**
 * Which output profiles write each kind of definition (src/app/outputs.ts picks the compilers).
 * Keep in step with the compilers: a kind written by none of the project's profiles is lost.
 */
const WRITTEN_BY: Record<'rule groups' | 'scrape jobs' | 'health checks' | 'the Alertmanager configuration' | 'dashboards', readonly OutputProfile[]> = {
  'rule groups': ['files', 'prometheus-operator', 'mimir', 'thanos'],
  'scrape jobs': ['files', 'prometheus-operator'],
  'health checks': ['files', 'prometheus-operator'],
  'the Alertmanager configuration': ['files', 'prometheus-operator'],
  dashboards: ['files', 'grafana-operator', 'grafana-sidecar'],
};

/** The first definition of each kind the project has, where a finding about the kind points. */
function firstOfEachKind(model: Model): Array<[keyof typeof WRITTEN_BY, Located, number]> {
  const kinds: Array<[keyof typeof WRITTEN_BY, Located | undefined, number]> = [
    ['rule groups', model.ruleGroups[0], model.ruleGroups.length],
    ['scrape jobs', model.prometheus.scrapeJobs[0], model.prometheus.scrapeJobs.length],
    ['health checks', model.healthChecks[0], model.healthChecks.length],
    ['the Alertmanager configuration', model.alertmanager, model.alertmanager ? 1 : 0],
    ['dashboards', model.dashboards[0], model.dashboards.length],
  ];
  return kinds.filter((k): k is [keyof typeof WRITTEN_BY, Located, number] => k[1] !== undefined);
}

const NAMES: Record<OutputProfile, string> = {
  files: 'files()',
  'prometheus-operator': 'prometheusOperator()',
  'grafana-operator': 'grafanaOperator()',
  'grafana-sidecar': 'grafanaSidecar()',
  mimir: 'mimir()',
  thanos: 'thanos()',
};

/**
 * Definitions or settings that none of the project's output profiles writes: `generate` would
 * succeed and `validate` pass (it checks the files profile's form in memory) while the output
 * carries nothing of them.
 */
export const outputUnwritten: Check = {
  id: 'output/unwritten',
  severity: 'warning',
  description: 'Every kind of definition, and every Grafana setting, is written by at least one of the project\'s output profiles.',
  run({ model }, report) {
    const profiles = new Set(model.outputs.map((o) => o.profile));
    const listed = model.outputs.map((o) => NAMES[o.profile]).join(', ');
    for (const [kind, first, count] of firstOfEachKind(model)) {
      const writers = WRITTEN_BY[kind];
      if (writers.some((p) => profiles.has(p))) continue;
      report({
        message: `${kind === 'the Alertmanager configuration' ? kind : `the project's ${count} ${count === 1 ? kind.replace(/s$/, '') : kind}`} ${count === 1 ? 'is' : 'are'} written by none of its output profiles (outputs: [${listed}])`,
        hint: `add one of ${writers.map((p) => NAMES[p]).join(', ')} to outputs, or remove the definitions this deployment does not use`,
        ...locatedAt(first),
      });
    }
    // The V2 schema and Grafana-managed alert rules are written by the files profile alone: the
    // Kubernetes Grafana profiles carry the classic JSON and no alert rules.
    if (profiles.has('files')) return;
    const grafanaOutput = model.outputs.find((o) => o.profile === 'grafana-operator' || o.profile === 'grafana-sidecar') ?? model.outputs[0];
    const settings = [
      ...(model.grafana.schema === 'v2' && model.dashboards.length > 0 ? ["grafana.schema 'v2'"] : []),
      ...(model.grafana.alertRules ? ['grafana.alertRules'] : []),
    ];
    for (const setting of settings) {
      report({
        message: `${setting} has no effect: only the files profile writes it, and outputs lists ${listed}${grafanaOutput && grafanaOutput.profile.startsWith('grafana-') ? ` (${NAMES[grafanaOutput.profile]} writes the classic dashboard JSON and no alert rules)` : ''}`,
        hint: 'add files() to outputs, or leave the setting out',
        ...(grafanaOutput ? locatedAt(grafanaOutput) : { path: ['outputs'] }),
      });
    }
  },
};
