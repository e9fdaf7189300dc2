// Writes synthetic definitions (TypeScript, as users write them) for the benchmark sizes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SEVERITIES = ['critical', 'warning', 'info'];

function metricsFile(count) {
  const lines = ["import { counter, gauge, histogram } from 'totem-mon';", ''];
  const names = { counters: [], gauges: [], histograms: [] };
  for (let i = 0; i < count; i++) {
    const kind = i % 5 < 3 ? 'counters' : i % 5 === 3 ? 'gauges' : 'histograms';
    const id = `m${i}`;
    names[kind].push(id);
    if (kind === 'counters') {
      lines.push(`export const ${id} = counter({ name: 'bench_app${i}_requests_total', help: 'Requests of app ${i}', labels: ['service', 'status'] });`);
    } else if (kind === 'gauges') {
      lines.push(`export const ${id} = gauge({ name: 'bench_app${i}_queue_length', help: 'Queue of app ${i}', labels: ['service'] });`);
    } else {
      lines.push(
        `export const ${id} = histogram({ name: 'bench_app${i}_duration_seconds', help: 'Latency of app ${i}', labels: ['service'], unit: 'seconds', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });`,
      );
    }
  }
  lines.push('', `export const catalogue = [${Array.from({ length: count }, (_, i) => `m${i}`).join(', ')}];`, '');
  return { text: lines.join('\n'), names };
}

function groupFile(g, alertsPerGroup, names, receivers) {
  const lines = [
    "import { alert, histogramQuantile, rate, ratio, ruleGroup } from 'totem-mon';",
    "import * as m from '../metrics.js';",
    '',
    `export default ruleGroup({`,
    `  name: 'bench_group_${g}',`,
    '  rules: [',
  ];
  for (let i = 0; i < alertsPerGroup; i++) {
    const n = g * alertsPerGroup + i;
    const team = `team-${n % receivers}`;
    const severity = SEVERITIES[n % 3];
    const useHistogram = n % 4 === 3;
    const expr = useHistogram
      ? `\`\${histogramQuantile(0.95, m.${names.histograms[n % names.histograms.length]}, { by: ['job', 'service'] })} > ${(1 + n / 100_000).toFixed(5)}\``
      : `\`\${ratio(rate(m.${names.counters[n % names.counters.length]}, '5m', { status: 'error' }), rate(m.${names.counters[n % names.counters.length]}, '5m'), ['job', 'service'])} > ${(0.05 + n / 1_000_000).toFixed(6)}\``;
    // Every expression is distinct (thresholds differ), as in a real repository: no cache helps.
    // One alert per group carries a firing and a quiet unit test, like a team that tests its key alerts.
    const tests =
      i === 0 && !useHistogram
        ? `,
      tests: [
        { name: 'fires', input: [
          { series: m.${names.counters[n % names.counters.length]}.select({ job: 'api', service: 's', status: 'error' }), values: '0+20x20' },
          { series: m.${names.counters[n % names.counters.length]}.select({ job: 'api', service: 's', status: 'ok' }), values: '0+80x20' },
        ], at: '10m', expect: [{ labels: { job: 'api', service: 's' }, annotations: { summary: 'Bench alert ${n}', description: 'Service s is unhealthy', runbook_url: 'https://runbooks.example.com/${n}' } }] },
        { name: 'quiet', input: [
          { series: m.${names.counters[n % names.counters.length]}.select({ job: 'api', service: 's', status: 'ok' }), values: '0+80x20' },
        ], at: '10m', expect: [] },
      ]`
        : '';
    lines.push(
      `    alert({
      name: 'BenchAlert${n}',
      expr: ${expr},
      for: '5m',
      labels: { severity: '${severity}', team: '${team}' },
      annotations: { summary: 'Bench alert ${n}', description: 'Service {{ $labels.service }} is unhealthy', runbook_url: 'https://runbooks.example.com/${n}' }${tests},
    }),`,
    );
  }
  lines.push('  ],', '});', '');
  return lines.join('\n');
}

function dashboardFile(d, panels, names) {
  const lines = [
    "import { currentValuePanel, dashboard, quantilesPanel, ratePanel, row } from 'totem-mon';",
    "import * as m from '../metrics.js';",
    '',
    `export default dashboard({`,
    `  title: 'Bench dashboard ${d}',`,
    "  tags: ['bench'],",
    '  panels: [',
  ];
  for (let r = 0; r < panels / 5; r++) {
    lines.push(`    row({ title: 'Row ${r}', panels: [`);
    for (let p = 0; p < 5; p++) {
      const n = d * panels + r * 5 + p;
      // Each dashboard shows its own service, so no two dashboards share a query.
      const opts = `title: '${['Rate', 'Rate', 'Rate', 'Latency', 'Queue'][p]} ${r}.${p}', by: ['service'], matchers: { service: 'svc-${d}' }`;
      if (p < 3) lines.push(`      ratePanel(m.${names.counters[n % names.counters.length]}, { ${opts} }),`);
      else if (p === 3) lines.push(`      quantilesPanel(m.${names.histograms[n % names.histograms.length]}, { ${opts} }),`);
      else lines.push(`      currentValuePanel(m.${names.gauges[n % names.gauges.length]}, { ${opts}, type: 'timeseries' }),`);
    }
    lines.push('    ] }),');
  }
  lines.push('  ],', '});', '');
  return lines.join('\n');
}

function indexFile(size) {
  const g = size.groups;
  const d = size.dashboards;
  const lines = [
    "import { alertmanager, defineProject, receiver, route, scrapeJob, secretFile } from 'totem-mon';",
    "import { catalogue } from './metrics.js';",
    ...Array.from({ length: g }, (_, i) => `import g${i} from './groups/g${i}.js';`),
    ...Array.from({ length: d }, (_, i) => `import d${i} from './dashboards/d${i}.js';`),
    '',
    `const teams = Array.from({ length: ${size.receivers} }, (_, i) => \`team-\${i}\`);`,
    'const receivers = teams.map((name) =>',
    "  receiver({ name, slack: [{ apiUrl: secretFile(`/etc/alertmanager/secrets/${name}-slack`), channel: `#${name}`, sendResolved: true }] }),",
    ');',
    '',
    'export default defineProject({',
    "  name: 'bench',",
    '  metrics: catalogue,',
    '  prometheus: {',
    "    global: { scrapeInterval: '15s', evaluationInterval: '15s' },",
    "    alertmanagers: ['alertmanager:9093'],",
    "    scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8000'] })],",
    '  },',
    `  ruleGroups: [${Array.from({ length: g }, (_, i) => `g${i}`).join(', ')}],`,
    `  dashboards: [${Array.from({ length: d }, (_, i) => `d${i}`).join(', ')}],`,
    '  alertmanager: alertmanager({',
    '    receivers,',
    "    route: route({ receiver: 'team-0', groupBy: ['alertname', 'service'], routes: teams.map((team) => route({ receiver: team, matchers: { team } })) }),",
    '  }),',
    '});',
    '',
  ];
  return lines.join('\n');
}

/** The benchmark's synthesised sizes (`npm run bench`, `npm run bench:instructions`). */
export const MEDIUM = { alerts: 1_000, groups: 10, dashboards: 50, panels: 20, metrics: 100, receivers: 10 };
export const LARGE = { alerts: 10_000, groups: 100, dashboards: 200, panels: 20, metrics: 500, receivers: 50 };

/** Writes `<dir>/definitions/…` for a size and returns the definitions folder. */
export function synthesize(dir, size) {
  const defs = path.join(dir, 'definitions');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(defs, 'groups'), { recursive: true });
  mkdirSync(path.join(defs, 'dashboards'), { recursive: true });
  const { text, names } = metricsFile(size.metrics);
  writeFileSync(path.join(defs, 'metrics.ts'), text);
  const perGroup = size.alerts / size.groups;
  for (let g = 0; g < size.groups; g++) writeFileSync(path.join(defs, 'groups', `g${g}.ts`), groupFile(g, perGroup, names, size.receivers));
  for (let d = 0; d < size.dashboards; d++) writeFileSync(path.join(defs, 'dashboards', `d${d}.ts`), dashboardFile(d, size.panels, names));
  writeFileSync(path.join(defs, 'index.ts'), indexFile(size));
  return defs;
}
