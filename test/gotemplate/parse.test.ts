import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseGoTemplate } from '../../src/gotemplate/parse.js';
import { dialectFor } from '../../src/gotemplate/functions.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

/** What Debian 12 ships, amtool's and promtool's releases: the dialects the tests below judge with. */
const ALERTMANAGER_DIALECT = dialectFor('alertmanager', '0.25');
const PROMETHEUS_DIALECT = dialectFor('prometheus', '2.42');

/** Templates Go's parser accepts (Alertmanager's functions). */
const good = [
  'plain text, no action',
  '{{ .Status | toUpper }}',
  '{{- if eq .Status "firing" -}}x{{- else if eq .Status "resolved" }}y{{ else }}z{{ end -}}',
  '{{ range $i, $a := .Alerts }}{{ $i }} {{ $a.Labels.job }}{{ end }}',
  '{{ range .Alerts }}{{ if .Labels.x }}{{ break }}{{ end }}{{ continue }}{{ end }}',
  '{{ with .CommonLabels.job }}{{ . }}{{ else }}none{{ end }}',
  '{{ define "a" }}{{ .Status }}{{ end }}{{ template "a" . }}',
  '{{ block "b" . }}default{{ end }}',
  '{{/* a comment */}}{{- /* trimmed comment */ -}}',
  '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
  '{{ join ", " (stringSlice "a" "b") }} {{ reReplaceAll "a(.*)" "$1" .Status | title }}',
  '{{ printf "%.2f" 1.5 }} {{ len .Alerts.Firing }} {{ index .Labels "job" }} {{ -1 }} {{ 0x1F }}',
  '{{ "}}" }} {{ `raw }} {{` }} {{ \'c\' }}',
  '{{ if and (gt (len .Alerts) 1) (not false) }}{{ end }}',
  '{{ .Labels.SortedPairs.Values | join " " }}',
  '{{ match "^a" .Status | printf "%v" }}',
  '{{ range .Alerts }}\n{{ .Annotations.summary }}\n{{ end }}',
  '{{ template "x" }}',
  '{{ safeHtml "<b>" }}{{ toLower "A" }}',
  '{{ .Status | }}',
];

/** Go's parser lets these through, but every execution fails: reported as well. */
const failsAtExecution: Array<[string, string, string]> = [
  ['{{ $x = 1 }}', 'undefined variable "$x" (assigned with = before any :=)', '$x'],
];

/** Templates Go's parser refuses, with our message and the offending text. */
const bad: Array<[string, string, string]> = [
  ['{{ .Status', 'unclosed action: this {{ has no }}', '{{'],
  ['{{ if .Status }}x', '{{ if }} at column 1 has no {{ end }}', '{{ if .Status }}'],
  ['{{ range .Alerts }}{{ with .Labels }}x{{ end }}', '{{ range }} at column 1 has no {{ end }}', '{{ range .Alerts }}'],
  ['{{ define "x" }}body', '{{ define }} at column 1 has no {{ end }}', '{{ define "x" }}'],
  ['x{{ end }}', 'unexpected {{ end }}: no block is open', 'end'],
  ['{{ else }}', 'unexpected {{ else }}: no {{ if }}, {{ with }} or {{ range }} is open', 'else'],
  ['{{ .Status | toupper }}', 'function "toupper" not defined in Alertmanager 0.25', 'toupper'],
  ['{{ .StartsAt | date "2006" }}', 'function "date" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later', 'date'],
  ['{{ humanize 1 }}', 'function "humanize" not defined in Alertmanager 0.25', 'humanize'],
  ['{{ $x }}', 'undefined variable "$x"', '$x'],
  ['{{ template .Name . }}', '{{ template }} needs the template name as a quoted string, found ".Name"', '.Name'],
  ['{{ "abc }}', 'unterminated quoted string', '"abc }}'],
  ['{{ }}', 'missing value for command: empty action {{ }}', '{{ }}'],
  ['{{ if }}{{ end }}', 'missing value for if', 'if'],
  ['{{ (len .Alerts }}', 'unclosed left paren', '('],
  ['{{ len .Alerts) }}', 'unexpected right paren', ')'],
  ['{{ break }}', '{{ break }} outside {{ range }}', 'break'],
  ['{{ if true }}{{ define "x" }}{{ end }}{{ end }}', '{{ define }} is only allowed at the top level, not inside {{ if }}', 'define'],
  ['{{ with .A }}{{ else if .B }}{{ end }}', '{{ else if }} is only allowed in an {{ if }} block, not in {{ with }}', 'if'],
  ['{{ if .A }}{{ else }}{{ else }}{{ end }}', '{{ if }} already has an {{ else }}: expected {{ end }}', '{{ else }}'],
  ['{{/* unclosed comment }}', 'unclosed comment: this {{/* has no */}}', '{{/*'],
  ['{{ .A | "x" }}', 'non executable command in pipeline stage 2: "\\"x\\"" is a value, not a function', '"x"'],
  ['{{ .A # }}', 'unrecognized character in action: "#"', '#'],
  ['{{ define "a" }}{{ $labels }}{{ end }}', 'undefined variable "$labels"', '$labels'],
];

describe('Go template parse check', () => {
  for (const text of good) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      expect(parseGoTemplate(text, ALERTMANAGER_DIALECT).problems).toEqual([]);
    });
  }
  for (const [text, message, span] of [...bad, ...failsAtExecution]) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      const { problems } = parseGoTemplate(text, ALERTMANAGER_DIALECT);
      expect(problems[0]?.message).toBe(message);
      expect(text.slice(problems[0]!.from, problems[0]!.to)).toBe(span);
    });
  }

  it('knows the defines and uses, with their offsets', () => {
    const text = '{{ define "a" }}{{ template "b" . }}{{ end }}{{ block `c` . }}{{ end }}';
    const parsed = parseGoTemplate(text, ALERTMANAGER_DIALECT);
    expect(parsed.defines.map((d) => d.name)).toEqual(['a', 'c']);
    expect(parsed.uses.map((u) => [u.name, text.slice(u.from, u.to)])).toEqual([['b', '"b"'], ['c', '`c`']]);
  });

  it("Prometheus' dialect: $labels, $value, humanize; no Alertmanager-only functions", () => {
    expect(parseGoTemplate('{{ $labels.job }} {{ $value | humanizePercentage }} {{ $externalLabels.env }}', PROMETHEUS_DIALECT).problems).toEqual([]);
    expect(parseGoTemplate('{{ stringSlice "a" }}', PROMETHEUS_DIALECT).problems.map((p) => p.message)).toEqual([
      'function "stringSlice" not defined in Prometheus 2.42',
    ]);
    expect(parseGoTemplate('{{ tmpl "x" . }}', PROMETHEUS_DIALECT).problems.map((p) => p.message)).toEqual([
      'function "tmpl" not defined in Prometheus 2.42',
    ]);
  });

  it("accepts Totem's notification templates", () => {
    const text = readFileSync(new URL('../../templates/totem.tmpl', import.meta.url), 'utf8');
    const parsed = parseGoTemplate(text, ALERTMANAGER_DIALECT);
    expect(parsed.problems).toEqual([]);
    expect(parsed.defines.length).toBeGreaterThan(5);
  });
});

/** amtool's verdict: 'parse' error, 'execution' error, or 'ok'. */
function amtoolVerdict(amtool: string, text: string): 'parse' | 'execution' | 'ok' {
  const dir = mkdtempSync(path.join(tmpdir(), 'totem-gotemplate-'));
  writeFileSync(path.join(dir, 'empty.tmpl'), '');
  try {
    execFileSync(amtool, ['template', 'render', `--template.glob=${path.join(dir, '*.tmpl')}`, `--template.text=${text}`], { stdio: 'pipe' });
    return 'ok';
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    return stderr.includes('executing') ? 'execution' : 'parse';
  }
}

describe('agrees with the real Go parser (amtool 0.25 template render)', () => {
  itWithBinaries(['amtool'])('every good template parses and every bad one is refused by amtool too', () => {
    const amtool = findBinary('amtool')!;
    const disagreements = [
      ...good.filter((t) => amtoolVerdict(amtool, t) === 'parse').map((t) => `amtool refuses good ${JSON.stringify(t)}`),
      ...bad.filter(([t]) => amtoolVerdict(amtool, t) !== 'parse').map(([t]) => `amtool parses bad ${JSON.stringify(t)}`),
      ...failsAtExecution.filter(([t]) => amtoolVerdict(amtool, t) !== 'execution').map(([t]) => `amtool executes ${JSON.stringify(t)}`),
    ];
    expect(disagreements).toEqual([]);
  }, 60_000);
});

describe("Alertmanager 0.25's own templates", () => {
  const dir = '/usr/share/prometheus/alertmanager';
  const present = existsSync(path.join(dir, 'default.tmpl'));
  // Debian's package installs v0.25.0's template/default.tmpl and email.tmpl here; the list in
  // src/gotemplate/functions.ts was taken from the same files of the alertmanager repository.
  (present ? it : it.skip)('the built-in list of the 0.25 target is exactly the defines of the installed default.tmpl and email.tmpl', () => {
    const names = ['default.tmpl', 'email.tmpl'].flatMap((f) =>
      parseGoTemplate(readFileSync(path.join(dir, f), 'utf8'), ALERTMANAGER_DIALECT).defines.map((d) => d.name),
    );
    expect([...names].sort()).toEqual([...ALERTMANAGER_DIALECT.templates].sort());
  });
});
