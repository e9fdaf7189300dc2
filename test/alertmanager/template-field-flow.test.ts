// alertmanager/template-field follows the dot and variables through a notification template as Go's
// text/template does (with, range, variables, index, parentheses), on Alertmanager's template data
// (template/template.go of the target release: Data, Alert, Alerts, KV, Pairs, Pair).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAlertmanagerData } from '../../src/gotemplate/alertmanager-data.js';
import { supportedVersion } from '../../src/model/version-facts.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { receiver, route, type ProjectOptions } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { shopProject } from '../helpers/alertmanager.js';

const ID = 'alertmanager/template-field';

function fieldFindings(text: string, versions?: ProjectOptions['versions'], templates: Record<string, string> = {}): string[] {
  const receivers = [receiver({ name: 'ops', slack: [{ channel: '#ops', text }] })];
  const p = shopProject({ alertmanager: { receivers, route: route({ receiver: 'ops', groupBy: ['alertname'] }) }, ...(versions ? { versions } : {}) });
  const result = lint(p, { templates });
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.diagnostics.filter((d) => d.id === ID).map((d) => d.message);
}

const label = (name: string, via: string) => `receiver ops: slack[0].text reads label "${name}" (${via}), which no alert that reaches it carries.`;

describe('alertmanager/template-field follows the dot and variables', () => {
  it('reads keys of a map held by the dot of with, a range variable, a variable, index and parentheses', () => {
    expect(fieldFindings('{{ with .CommonLabels }}{{ .clutser }}{{ end }}')).toEqual([label('clutser', '.CommonLabels.clutser')]);
    expect(fieldFindings('{{ range $i, $a := .Alerts }}{{ $a.Labels.clutser }}{{ end }}')).toEqual([label('clutser', '.Labels.clutser')]);
    expect(fieldFindings('{{ $a := index .Alerts 0 }}{{ with $a.Labels }}{{ .clutser }}{{ end }}')).toEqual([label('clutser', '.Labels.clutser')]);
    expect(fieldFindings('{{ index .CommonLabels "clutser" }}')).toEqual([label('clutser', '.CommonLabels.clutser')]);
    expect(fieldFindings('{{ range .Alerts.Firing }}{{ with .Labels }}{{ .clutser }}{{ end }}{{ end }}')).toEqual([label('clutser', '.Labels.clutser')]);
    expect(fieldFindings('{{ $l := .CommonLabels }}{{ if $l.severity }}{{ $l.clutser }}{{ end }}')).toEqual([label('clutser', '.CommonLabels.clutser')]);
  });

  it('reads no key where the dot is not a map of labels: a with or range that changed it', () => {
    expect(fieldFindings('{{ with .CommonLabels.severity }}{{ . }}{{ end }}')).toEqual([]);
    expect(fieldFindings('{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}')).toEqual([]);
    expect(fieldFindings('{{ range $k, $v := .CommonLabels }}{{ $k }}={{ $v }}{{ end }}')).toEqual([]);
    expect(fieldFindings('{{ with .CommonLabels }}{{ .severity }} {{ .Names }} {{ .SortedPairs }}{{ end }}')).toEqual([]);
  });

  it('fires on a field the data does not have: Go fails the notification ("can\'t evaluate field")', () => {
    expect(fieldFindings('{{ .CommonLabel.severity }}')).toEqual([
      'receiver ops: slack[0].text reads .CommonLabel, but the notification data (template.Data) has no field CommonLabel: Alertmanager fails to render it. Did you mean "CommonLabels"?',
    ]);
    expect(fieldFindings('{{ $a := index .Alerts 0 }}{{ $a.Labelz.foo }}')).toEqual([
      'receiver ops: slack[0].text reads .Labelz, but an alert (template.Alert) has no field Labelz: Alertmanager fails to render it. Did you mean "Labels"?',
    ]);
    expect(fieldFindings('{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ .Name }}={{ .Valeu }}{{ end }}{{ end }}')).toEqual([
      'receiver ops: slack[0].text reads .Valeu, but a label pair (template.Pair) has no field Valeu: Alertmanager fails to render it. Did you mean "Value"?',
    ]);
    expect(fieldFindings('{{ range .Alerts.Firng }}{{ end }}')).toEqual([
      'receiver ops: slack[0].text reads .Firng, but a list of alerts (template.Alerts) has no field Firng: Alertmanager fails to render it. Did you mean "Firing"?',
    ]);
    // In a {{ range }} over alerts the dot is an alert, not the notification.
    expect(fieldFindings('{{ range .Alerts }}{{ .Receiver }}{{ end }}')).toEqual([
      'receiver ops: slack[0].text reads .Receiver, but an alert (template.Alert) has no field Receiver: Alertmanager fails to render it.',
    ]);
  });

  it('judges fields and KV methods by the target release', () => {
    // Data.NotificationReason: Alertmanager 0.32; KV.String: 0.26 (before it, `.String` reads a label).
    expect(fieldFindings('{{ .NotificationReason }}', { alertmanager: '0.32' })).toEqual([]);
    expect(fieldFindings('{{ .NotificationReason }}', { alertmanager: '0.31' })).toEqual([
      'receiver ops: slack[0].text reads .NotificationReason, but the notification data (template.Data) has no field NotificationReason in Alertmanager 0.31, the target version: it needs Alertmanager 0.32 or later: Alertmanager fails to render it.',
    ]);
    expect(fieldFindings('{{ .CommonLabels.String }}', { alertmanager: '0.26' })).toEqual([]);
    expect(fieldFindings('{{ .CommonLabels.String }}', { alertmanager: '0.25' })).toEqual([label('String', '.CommonLabels.String')]);
  });

  it('stays quiet on what the data has', () => {
    expect(
      fieldFindings(
        '{{ .Receiver }} {{ .Status }} {{ .ExternalURL }} {{ len .Alerts.Resolved }} {{ range .Alerts }}{{ .Status }} {{ .StartsAt.Format "15:04" }} {{ .EndsAt }} ' +
          '{{ .GeneratorURL }} {{ .Fingerprint }} {{ .Labels.severity }} {{ .Annotations.summary }}{{ end }} {{ (index .Alerts 0).Labels.service }} ' +
          '{{ .CommonLabels.Remove (stringSlice "severity") }} {{ range (.CommonLabels.Remove (stringSlice "x")).SortedPairs }}{{ .Name }}{{ end }} {{ $.GroupLabels.alertname }}',
      ),
    ).toEqual([]);
  });

  it('in a template file, a define has the dot its callers pass: the notification data from every field, judged as such', () => {
    const tmpl = { 'a.tmpl': '{{ define "a" }}{{ with .CommonLabels }}{{ .clutser }}{{ end }}{{ .Whatever }}{{ template "b" . }}{{ end }}\n{{ define "b" }}{{ range .Alerts }}{{ .Receiver }}{{ end }}{{ end }}' };
    expect(fieldFindings('{{ template "a" . }}', undefined, tmpl)).toEqual([
      'templates/a.tmpl:1:67 reads .Whatever, but the notification data (template.Data) has no field Whatever: Alertmanager fails to render it.',
      'templates/a.tmpl:2:39 reads .Receiver, but an alert (template.Alert) has no field Receiver: Alertmanager fails to render it.',
      'templates/a.tmpl:1:44 reads label "clutser" (.CommonLabels.clutser), which no alert carries.',
    ]);
  });

  it('a define no field calls, or called with different data, is read loosely: keys by name, no field judged', () => {
    const tmpl = { 'a.tmpl': '{{ define "a" }}{{ with .CommonLabels }}{{ .clutser }}{{ end }}{{ .Whatever }}{{ end }}' };
    const loose = ['templates/a.tmpl:1:44 reads label "clutser" (.CommonLabels.clutser), which no alert carries.'];
    expect(fieldFindings('x', undefined, tmpl)).toEqual(loose);
    expect(fieldFindings('{{ template "a" . }}{{ range .Alerts }}{{ template "a" . }}{{ end }}', undefined, tmpl)).toEqual(loose);
    // Called with an alert: its fields are judged on the alert (which has no CommonLabels).
    expect(fieldFindings('{{ range .Alerts }}{{ template "a" . }}{{ end }}', undefined, tmpl)).toEqual([
      'templates/a.tmpl:1:25 reads .CommonLabels, but an alert (template.Alert) has no field CommonLabels: Alertmanager fails to render it.',
      'templates/a.tmpl:1:67 reads .Whatever, but an alert (template.Alert) has no field Whatever: Alertmanager fails to render it.',
    ]);
  });
});

describe("the fields of the template data agree with the installed amtool's release", () => {
  // amtool template render executes a text on example data (a template.Data with alerts): a field the
  // data lacks fails it with "can't evaluate field", exactly where readAlertmanagerData names one.
  itWithBinaries(['amtool'])('amtool fails a text exactly where an unknown field is named', () => {
    const amtool = findBinary('amtool')!;
    const installed = /version (\d+\.\d+\.\d+)/.exec(execFileSync(amtool, ['--version'], { encoding: 'utf8', stdio: 'pipe' }) + '')?.[1];
    const release = supportedVersion('alertmanager', installed);
    expect(release, `amtool ${installed}`).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'totem-tmpl-fields-'));
    writeFileSync(path.join(dir, 'none.tmpl'), '');
    const fails = (text: string) => {
      try {
        execFileSync(amtool, ['template', 'render', `--template.glob=${path.join(dir, '*.tmpl')}`, `--template.text=${text}`], { stdio: 'pipe' });
        return false;
      } catch (error) {
        return String((error as { stderr?: Buffer }).stderr).includes("can't evaluate field");
      }
    };
    const texts = [
      '{{ .CommonLabel.x }}',
      '{{ range .Alerts }}{{ .Receiver }}{{ end }}',
      '{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ .Valeu }}{{ end }}{{ end }}',
      '{{ .Alerts.Firng }}',
      '{{ (index .Alerts 0).Labelz }}',
      '{{ $a := index .Alerts 0 }}{{ $a.Annotationz }}',
      '{{ range $i, $a := .Alerts }}{{ $a.Fingerprint }}{{ $a.GeneratorURL }}{{ $a.StartsAt }}{{ end }}',
      '{{ .NotificationReason }}',
      '{{ .RouteLabels }}',
      '{{ .CommonLabels.String }}{{ .CommonLabels.SortedPairs.String }}',
      '{{ with .CommonLabels }}{{ .foo }}{{ .SortedPairs }}{{ .Names }}{{ .Values }}{{ end }}',
      '{{ range .Alerts.Firing }}{{ range .Labels.SortedPairs }}{{ .Name }}{{ .Value }}{{ end }}{{ end }}{{ .Alerts.Resolved }}',
      '{{ .Receiver }}{{ .Status }}{{ .ExternalURL }}{{ .GroupLabels }}{{ .CommonAnnotations }}{{ .CommonLabels.Remove (stringSlice "a") }}',
      '{{ with index .Alerts 0 }}{{ .Status }}{{ .EndsAt }}{{ .Labels.x }}{{ else }}{{ .Receiver }}{{ end }}',
    ];
    try {
      const disagreements = texts.filter((t) => (readAlertmanagerData(t, release!).unknown.length > 0) !== fails(t));
      expect(disagreements).toEqual([]);
      if (release === '0.25') expect(texts.filter(fails)).toHaveLength(9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
