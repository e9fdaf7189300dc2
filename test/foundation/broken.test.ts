/**
 * Issue 2, "broken definitions never reach out/": every fixture under test/fixtures/broken/ is a
 * small complete project with one mistake (or several, for the "all at once" cases). `generate`
 * must exit 1, name the definition file and line and the field path of each problem, and leave a
 * previously generated out/ byte for byte as it was.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

const BROKEN = path.join(FIXTURES, 'broken');
const GOOD = path.join(FIXTURES, 'good');

interface Expected {
  id: string;
  /** Field path as printed (`ruleGroups › g › rules › X › for`); '' when the problem has none. */
  path: string;
  /** The start of the message. */
  message: string;
}

const alertPath = (name: string, ...rest: string[]) => ['ruleGroups', 'g', 'rules', name, ...rest].join(' › ');

/** One row per fixture; the problems in the order they are reported (by line). */
const CASES: Record<string, Expected[]> = {
  'metric-name-dash': [{ id: 'schema', path: 'metrics › app-tickets_total › name', message: 'invalid metric name "app-tickets_total"' }],
  'label-name-dash': [{ id: 'schema', path: 'metrics › app_workers › labels[0]', message: 'invalid label name "worker-pool"' }],
  'metric-duplicate': [
    { id: 'catalogue/duplicate', path: 'metrics › app_requests_total', message: 'metric "app_requests_total" clashes with "app_requests_total": both give the series "app_requests_total"' },
  ],
  'counter-without-total': [{ id: 'catalogue/counter-total', path: 'metrics › app_tickets › name', message: 'counter "app_tickets" does not end in _total' }],
  'histogram-without-buckets': [{ id: 'schema', path: 'metrics › app_wait_seconds › buckets', message: 'a histogram needs at least one bucket' }],
  'histogram-unsorted-buckets': [
    { id: 'catalogue/histogram-buckets', path: 'metrics › app_wait_seconds › buckets[2]', message: 'histogram "app_wait_seconds" has buckets out of order: 60 then 45' },
  ],
  'duration-with-space': [{ id: 'schema', path: alertPath('QueueTooLong', 'for'), message: 'invalid duration "5 m"' }],
  'alert-without-severity': [{ id: 'schema', path: alertPath('QueueTooLong', 'labels'), message: 'alert has no severity label' }],
  'severity-outside-set': [
    { id: 'alert/severity', path: alertPath('QueueTooLong', 'labels', 'severity'), message: 'alert QueueTooLong has severity "page", not one of critical, warning, info' },
  ],
  'alert-unknown-field': [{ id: 'schema', path: alertPath('QueueTooLong'), message: 'Unrecognized key: "fro"' }],
  'alert-duplicate-name': [
    { id: 'alert/duplicate-name', path: alertPath('QueueTooLong (2)'), message: 'alert "QueueTooLong" is defined twice with the same labels (first in group g, alert-duplicate-name/index.ts:6)' },
  ],
  'alert-without-condition': [{ id: 'alert/comparison', path: alertPath('QueueTooLong', 'expr'), message: 'alert QueueTooLong has no condition' }],
  'alert-without-description': [{ id: 'alert/annotations', path: alertPath('QueueTooLong', 'annotations'), message: 'alert QueueTooLong has no description annotation' }],
  'template-label-dropped': [
    {
      id: 'alert/template-label-dropped',
      path: alertPath('QueuesTooLong', 'annotations', 'description'),
      message: 'alert QueuesTooLong uses {{ $labels.queue }} in description, but its expression does not keep "queue"',
    },
  ],
  'promql-syntax-error': [
    { id: 'promql/syntax', path: alertPath('HighRequestRate', 'expr'), message: 'PromQL syntax error in alert HighRequestRate: unexpected end of expression (column 51)' },
  ],
  'range-function-without-range': [
    { id: 'promql/syntax', path: alertPath('HighRequestRate', 'expr'), message: 'rate() in alert HighRequestRate needs a range vector, got app_requests_total' },
  ],
  'unknown-metric': [
    { id: 'promql/unknown-metric', path: alertPath('MissingErrors', 'expr'), message: 'alert MissingErrors uses metric "totem_missing_total", which is not in the catalogue' },
  ],
  'unknown-label-selector': [
    {
      id: 'promql/unknown-label',
      path: alertPath('MainQueueTooLong', 'expr'),
      message: 'alert MainQueueTooLong filters "app_queue_length" on label "queu", which that metric does not have. Did you mean "queue"?',
    },
  ],
  'unknown-label-by': [
    { id: 'promql/unknown-label', path: alertPath('HighRequestRate', 'expr'), message: 'alert HighRequestRate uses by (status), but the aggregated series have no label "status"' },
  ],
  'rate-on-gauge': [{ id: 'promql/rate-on-non-counter', path: alertPath('QueueGrowing', 'expr'), message: 'alert QueueGrowing applies rate() to gauge "app_queue_length"' }],
  'quantile-without-le': [
    { id: 'promql/quantile-without-le', path: alertPath('HighLatency', 'expr'), message: 'alert HighLatency: the input of histogram_quantile() has no "le" label left' },
  ],
  'record-name-invalid': [
    { id: 'schema', path: ['ruleGroups', 'g', 'rules', 'job:app-requests:rate5m', 'name'].join(' › '), message: 'invalid recording rule name "job:app-requests:rate5m"' },
  ],
  'group-duplicate': [{ id: 'rules/duplicate-group', path: 'ruleGroups › queues', message: 'rule group "queues" is defined twice' }],
  'scrape-job-duplicate': [{ id: 'scrape/duplicate-job', path: 'prometheus › scrapeJobs › app', message: 'scrape job "app" is defined twice' }],
  'scrape-bad-target': [{ id: 'schema', path: 'prometheus › scrapeJobs › app › targets[0]', message: 'invalid target "http://app:8000/metrics"' }],
  'not-a-project': [{ id: 'load', path: '', message: 'not-a-project/index.ts does not default-export a project' }],
  // Several problems in one definition: all reported in one run, not one per run.
  'several-schema-problems': [
    { id: 'schema', path: 'metrics › app-tickets_total › name', message: 'invalid metric name "app-tickets_total"' },
    { id: 'schema', path: 'prometheus › scrapeJobs › app › targets[0]', message: 'invalid target "app"' },
    { id: 'schema', path: alertPath('QueueTooLong', 'for'), message: 'invalid duration "5 minutes"' },
  ],
  'several-check-problems': [
    { id: 'scrape/duplicate-job', path: 'prometheus › scrapeJobs › app', message: 'scrape job "app" is defined twice' },
    { id: 'promql/unknown-metric', path: alertPath('QueueTooLong', 'expr'), message: 'alert QueueTooLong uses metric "app_queue_lenght", which is not in the catalogue. Did you mean "app_queue_length"?' },
    { id: 'promql/unknown-label', path: alertPath('MainQueueTooLong', 'expr'), message: 'alert MainQueueTooLong filters "app_queue_length" on label "queu"' },
  ],
};

const MARKER = '// reported here';

/** Lines (1-based) of the fixture marked `// reported here`: where each problem must be reported. */
function markedLines(caseName: string): number[] {
  const lines = readFileSync(path.join(BROKEN, caseName, 'index.ts'), 'utf8').split('\n');
  const marked = lines.flatMap((line, i) => (line.includes(MARKER) ? [i + 1] : []));
  return marked.length > 0 ? marked : [1];
}

/** The first line of a report as text.ts prints it: `error [id] file:line › path: message`. */
function reportLine(caseName: string, line: number, e: Expected): string {
  const where = [`${caseName}/index.ts:${line}`, e.path].filter(Boolean).join(' › ');
  return `error [${e.id}] ${where}: ${e.message}`;
}

let template: string;

beforeAll(async () => {
  // An out/ folder as a previous good run left it, plus a file the user put there by hand.
  template = path.join(tempDir(), 'out');
  const result = await runCli(['generate', '--definitions', GOOD, '--out', template]);
  expect(result.code, result.stderr).toBe(0);
  writeFileSync(path.join(template, 'README.md'), 'kept by hand\n');
});

describe('broken definitions: exit 1, precise report, out/ untouched', () => {
  it('has a fixture folder for every row of the table and a row for every fixture', () => {
    const folders = readdirSync(BROKEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(Object.keys(CASES).sort());
    expect(folders.length).toBeGreaterThanOrEqual(15);
  });

  for (const [caseName, expected] of Object.entries(CASES)) {
    it(caseName, async () => {
      const out = path.join(tempDir(), 'out');
      cpSync(template, out, { recursive: true });
      const before = snapshotTree(out);

      const result = await runCli(['generate', '--definitions', path.join(BROKEN, caseName), '--out', out]);

      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      const lines = markedLines(caseName);
      expect(lines).toHaveLength(expected.length);
      expected.forEach((e, i) => expect(result.stderr).toContain(reportLine(caseName, lines[i]!, e)));
      // Exactly these problems: no error reported twice, none extra.
      const errors = result.stderr.split('\n').filter((l) => l.startsWith('error '));
      expect(errors).toHaveLength(expected.length);
      expect(result.stderr).toContain(`generate: nothing written: ${expected.length} error${expected.length === 1 ? '' : 's'}`);
      expect(snapshotTree(out)).toEqual(before);
    });
  }

  it('an out/ that does not exist yet is not created', async () => {
    const out = path.join(tempDir(), 'never');
    const result = await runCli(['generate', '--definitions', path.join(BROKEN, 'unknown-metric'), '--out', out]);
    expect(result.code).toBe(1);
    expect(snapshotTree(out)).toEqual({});
  });

  it('--check on a broken definition exits 1 and does not touch out/', async () => {
    const out = path.join(tempDir(), 'out');
    cpSync(template, out, { recursive: true });
    const before = snapshotTree(out);
    const result = await runCli(['generate', '--check', '--definitions', path.join(BROKEN, 'duration-with-space'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid duration "5 m"');
    expect(snapshotTree(out)).toEqual(before);
  });
});
