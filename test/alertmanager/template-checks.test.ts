import { describe, expect, it } from 'vitest';
import { receiver, secretFile } from '../../src/index.js';
import { pinned, runAlertmanagerCheck } from '../helpers/alertmanager.js';
import { fileOf } from '../helpers/model.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';

const SYNTAX_HINT =
  'Alertmanager 0.25 (the target version) parses this as a Go text/template: every {{ needs }}, every {{ if }}/{{ range }}/{{ with }}/{{ define }} an {{ end }}; ' +
  "functions are Go's builtins plus toUpper, toLower, title, join, match, safeHtml, reReplaceAll, stringSlice";

const file = (name: string, content: string): TemplateFileModel => ({ name, source: `templates/${name}`, content });
const shopTemplates = file(
  'shop.tmpl',
  '{{ define "shop.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}\n{{ define "shop.text" }}{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}{{ end }}\n',
);

describe('alertmanager/template-syntax', () => {
  const id = 'alertmanager/template-syntax';

  it('fires on an unclosed action in a Slack title, at the field, with the column', () => {
    const ops = receiver({ name: 'ops', slack: [{ channel: '#ops', title: '{{ .CommonLabels.alertname ' }] });
    expect(runAlertmanagerCheck(id, [ops]).map(pinned)).toEqual([
      {
        message: 'receiver ops: slack[0].title is not a valid template: unclosed action: this {{ has no }} (column 1)',
        hint: SYNTAX_HINT,
        path: ['alertmanager', 'receivers', 'ops', 'slack[0]', 'title'],
        file: fileOf(ops),
        line: ops.source!.line,
        highlighted: '{{',
      },
    ]);
  });

  it('fires on an unknown function in an email header and a {{ range }} without {{ end }} in a PagerDuty description', () => {
    const pager = receiver({
      name: 'pager',
      email: [{ to: 'oncall@shop.example', headers: { Subject: '{{ .Status | upper }}' } }],
      pagerduty: [{ routingKey: secretFile('/etc/am/pd'), description: '{{ range .Alerts }}{{ .Labels.service }}' }],
    });
    expect(runAlertmanagerCheck(id, [pager]).map(pinned)).toEqual([
      {
        message: 'receiver pager: email[0].headers.Subject is not a valid template: function "upper" not defined in Alertmanager 0.25 (column 14)',
        hint: SYNTAX_HINT,
        path: ['alertmanager', 'receivers', 'pager', 'email[0]', 'headers', 'Subject'],
        file: fileOf(pager),
        line: pager.source!.line,
        highlighted: 'upper',
      },
      {
        message: 'receiver pager: pagerduty[0].description is not a valid template: {{ range }} at column 1 has no {{ end }} (column 1)',
        hint: SYNTAX_HINT,
        path: ['alertmanager', 'receivers', 'pager', 'pagerduty[0]', 'description'],
        file: fileOf(pager),
        line: pager.source!.line,
        highlighted: '{{ range .Alerts }}',
      },
    ]);
  });

  it('fires in a template file at its line and column', () => {
    const broken = file('broken.tmpl', '{{ define "shop.x" }}\n{{ if .CommonLabels.job }}{{ .CommonLabels.job | date }}\n{{ end }}');
    const d = runAlertmanagerCheck(id, [receiver({ name: 'ops' })], [broken]).map(pinned);
    expect(d).toEqual([
      {
        message: 'templates/broken.tmpl:1:1: {{ define }} at line 1, column 1 has no {{ end }}',
        hint: SYNTAX_HINT,
        path: ['templates', 'broken.tmpl'],
        file: 'templates/broken.tmpl',
        line: 1,
        highlighted: '{{ define "shop.x" }}',
      },
      {
        message: 'templates/broken.tmpl:2:50: function "date" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later',
        hint: SYNTAX_HINT,
        path: ['templates', 'broken.tmpl'],
        file: 'templates/broken.tmpl',
        line: 2,
        highlighted: 'date',
      },
    ]);
  });

  it('fires on an undefined variable in an email `to`', () => {
    const mail = receiver({ name: 'mail', email: [{ to: '{{ $owner }}@shop.example' }] });
    expect(runAlertmanagerCheck(id, [mail]).map((d) => [d.message, pinned(d).highlighted])).toEqual([
      ['receiver mail: email[0].to is not a valid template: undefined variable "$owner" (column 4)', '$owner'],
    ]);
  });

  it('is quiet on valid templates in fields and files, and on plain fields Alertmanager does not template', () => {
    const ops = receiver({
      name: 'ops',
      slack: [{ channel: '#ops', title: '{{ template "shop.title" . }}', text: '{{ range .Alerts }}{{ .Annotations.summary | title }}{{ end }}', color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}' }],
      email: [{ to: 'oncall@shop.example', html: '{{ template "email.default.html" . }}', headers: { Subject: '{{ join " " .GroupLabels.Values }}' } }],
      webhook: [{ url: 'https://hooks.shop.example/alerts' }],
    });
    expect(runAlertmanagerCheck(id, [ops], [shopTemplates])).toEqual([]);
  });

  it('fires on {{ in a field the target (0.25 by default) sends as written: the webhook url', () => {
    const ops = receiver({ name: 'ops', webhook: [{ url: 'https://hooks.shop.example/{{ not-a-template' }] });
    expect(runAlertmanagerCheck(id, [ops]).map((d) => d.message)).toEqual([
      'receiver ops: webhook[0].url is not a template on Alertmanager 0.25 (the target version): its {{ … }} is sent literally; Alertmanager renders it from 0.31 on',
    ]);
  });

  it('is quiet on plain text and comments', () => {
    const ops = receiver({ name: 'ops', slack: [{ channel: '#ops', title: 'Shop alert {{/* no data needed */}}', text: 'Something is wrong' }] });
    expect(runAlertmanagerCheck(id, [ops], [file('c.tmpl', '{{/* only a comment */}}\n')])).toEqual([]);
  });
});

describe('alertmanager/unknown-template', () => {
  const id = 'alertmanager/unknown-template';
  const defineHint = 'define it with {{ define "shop.titel" }}…{{ end }} in templates/shop.tmpl';

  it('fires on a name no file defines, with the closest name', () => {
    const ops = receiver({ name: 'ops', slack: [{ channel: '#ops', title: '{{ template "shop.titel" . }}' }] });
    expect(runAlertmanagerCheck(id, [ops], [shopTemplates]).map(pinned)).toEqual([
      {
        message: 'receiver ops: slack[0].title uses template "shop.titel", which neither the template files nor Alertmanager 0.25 define. Did you mean "shop.title"?',
        hint: defineHint,
        path: ['alertmanager', 'receivers', 'ops', 'slack[0]', 'title'],
        file: fileOf(ops),
        line: ops.source!.line,
        highlighted: '"shop.titel"',
      },
    ]);
  });

  it('fires on a built-in-looking name Alertmanager 0.25 does not have (listed exactly, not by prefix)', () => {
    const ops = receiver({
      name: 'ops',
      slack: [{ channel: '#ops', title: '{{ template "slack.default.message" . }}' }],
      email: [{ to: 'a@shop.example', text: '{{ template "email.default.text" . }}' }],
    });
    expect(runAlertmanagerCheck(id, [ops]).map((d) => d.message)).toEqual([
      'receiver ops: email[0].text uses template "email.default.text", which neither the template files nor Alertmanager 0.25 define. Did you mean "slack.default.text"?',
      'receiver ops: slack[0].title uses template "slack.default.message", which neither the template files nor Alertmanager 0.25 define. Did you mean "sns.default.message"?',
    ]);
  });

  it('fires on a use inside a template file, at its line', () => {
    const f = file('more.tmpl', '{{ define "shop.more" }}\n{{ template "shop.footer" . }}{{ end }}\n');
    expect(runAlertmanagerCheck(id, [receiver({ name: 'ops' })], [shopTemplates, f]).map(pinned)).toEqual([
      {
        message: 'templates/more.tmpl:2:13 uses template "shop.footer", which neither the template files nor Alertmanager 0.25 define.',
        hint: 'define it with {{ define "shop.footer" }}…{{ end }}',
        path: ['templates', 'more.tmpl'],
        file: 'templates/more.tmpl',
        line: 2,
        highlighted: '"shop.footer"',
      },
    ]);
  });

  it("is quiet on our templates and on every one of Alertmanager 0.25's defaults", () => {
    const ops = receiver({
      name: 'ops',
      slack: [{ channel: '#ops', title: '{{ template "shop.title" . }}', text: '{{ template "slack.default.text" . }}', footer: '{{ template "__alertmanagerURL" . }}' }],
      email: [{ to: 'a@shop.example', html: '{{ template "email.default.html" . }}', headers: { Subject: '{{ template "email.default.subject" . }}' } }],
      pagerduty: [{ routingKey: secretFile('/etc/am/pd'), client: '{{ template "pagerduty.default.client" . }}' }],
    });
    expect(runAlertmanagerCheck(id, [ops], [shopTemplates])).toEqual([]);
  });

  it('is quiet on a template defined in the same inline text', () => {
    const ops = receiver({ name: 'ops', slack: [{ channel: '#ops', text: '{{ define "local" }}x{{ end }}{{ template "local" . }}' }] });
    expect(runAlertmanagerCheck(id, [ops])).toEqual([]);
  });
});

describe('alertmanager/template-field', () => {
  const id = 'alertmanager/template-field';
  const LABEL_HINT = 'read a label the alerts carry (rule labels, labels the expressions keep, scrape or external labels): a missing one prints nothing';

  it('fires on a label typo in a template file and an annotation typo in a Slack text, with did-you-mean', () => {
    const ops = receiver({ name: 'ops', slack: [{ channel: '#ops', text: '{{ range .Alerts }}{{ .Annotations.descripton }}{{ end }}' }] });
    const tmpl = file('shop.tmpl', '{{ define "shop.title" }}\n[{{ .Status }}] {{ .CommonLabels.servce }} {{ .GroupLabels.alertname }}{{ end }}\n');
    expect(runAlertmanagerCheck(id, [ops], [tmpl]).map((d) => ({ message: d.message, hint: d.hint, path: d.path?.join(' › '), line: d.source?.line, at: d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined }))).toEqual([
      {
        message: 'receiver ops: slack[0].text reads annotation "descripton", which no alert that reaches it has (they have description, runbook_url, summary). Did you mean "description"?',
        hint: 'read an annotation the alert rules define: a missing one prints nothing',
        path: 'alertmanager › receivers › ops › slack[0] › text',
        line: ops.source!.line,
        at: '.descripton',
      },
      {
        message: 'templates/shop.tmpl:2:33 reads label "servce" (.CommonLabels.servce), which no alert carries. Did you mean "service"?',
        hint: LABEL_HINT,
        path: 'templates › shop.tmpl',
        line: 2,
        at: '.servce',
      },
      {
        // The project's root route groups by nothing: .GroupLabels is always empty.
        message: 'templates/shop.tmpl:2:59 reads .GroupLabels.alertname in template "shop.title", but no route groups by alertname (they group by nothing): it is always empty',
        hint: 'add "alertname" to the groupBy of the routes that send to the receivers using it, or read .CommonLabels.alertname (set when every alert of the notification has the same alertname)',
        path: 'templates › shop.tmpl',
        line: 2,
        at: '.alertname',
      },
    ]);
  });

  it('fires on .Labels inside a range and through a variable', () => {
    const tmpl = file('a.tmpl', '{{ define "a" }}{{ range $a := .Alerts }}{{ $a.Labels.clutser }}{{ end }}{{ end }}');
    expect(runAlertmanagerCheck(id, [], [tmpl]).map((d) => d.message)).toEqual(['templates/a.tmpl:1:54 reads label "clutser" (.Labels.clutser), which no alert carries.']);
  });

  it('quiet: labels the alerts carry (rule, expression, scrape), annotations they define, KV methods, shopTemplates', () => {
    const tmpl = file(
      'ok.tmpl',
      '{{ define "ok" }}{{ .CommonLabels.severity }} {{ .CommonLabels.service }} {{ .CommonLabels.job }} {{ .CommonLabels.instance }} ' +
        '{{ range .CommonLabels.SortedPairs }}{{ .Name }}{{ end }} {{ .CommonAnnotations.summary }} {{ .CommonLabels.Names }}{{ end }}',
    );
    expect(runAlertmanagerCheck(id, [], [tmpl, shopTemplates])).toEqual([]);
  });
});
