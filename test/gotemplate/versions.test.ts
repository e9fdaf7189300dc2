// The Go-template checks judge a template against the run's target versions (versions: { prometheus,
// alertmanager }): a function, a built-in template or `{{ else with }}` is there only when every
// release the target admits has it (src/gotemplate/functions.ts), and a message names the release
// that adds what the target lacks.
import { describe, expect, it } from 'vitest';
import { receiver, route, type ProjectOptions, type Receiver } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { shopProject } from '../helpers/alertmanager.js';
import { parseGoTemplate } from '../../src/gotemplate/parse.js';
import {
  ALERTMANAGER_FUNCTION_FACTS, ALERTMANAGER_TEMPLATE_FACTS, DIALECT_FACTS, PROMETHEUS_FUNCTION_FACTS,
  buildDialect, dialectFor, type NameFacts,
} from '../../src/gotemplate/functions.js';
import { parseAlertmanagerTemplate } from '../../src/lint/alertmanager-templates.js';
import { atLeast } from '../../src/model/version-order.js';
import { OLDEST } from '../../src/model/version-facts.js';
import { modelOf } from '../helpers/model.js';

function project(options: { receivers?: Receiver[]; annotations?: Record<string, string>; versions?: ProjectOptions['versions'] }) {
  const receivers = options.receivers ?? [receiver({ name: 'none' })];
  return shopProject({
    alertmanager: { receivers, route: route({ receiver: receivers[0]!.name }) },
    ...(options.annotations ? { annotations: options.annotations } : {}),
    ...(options.versions ? { versions: options.versions } : {}),
  });
}

const TEMPLATE_CHECKS = new Set(['alertmanager/template-syntax', 'alertmanager/unknown-template', 'alert/template-syntax']);

/** The findings of the three template checks, as messages. */
function templateFindings(p: unknown, templates: Record<string, string> = {}): string[] {
  const result = lint(p, { templates });
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.diagnostics.filter((d) => TEMPLATE_CHECKS.has(d.id ?? '')).map((d) => d.message);
}

const slackTitle = (title: string) => [receiver({ name: 'ops', slack: [{ channel: '#ops', title }] })];

/** Releases of a program the tests walk: the oldest target and every release a fact names, with the one before each. */
function releasesOf(facts: NameFacts, oldest: string): string[] {
  const out = new Set<string>([oldest]);
  for (const gate of Object.values(facts)) {
    for (const v of [gate.since, gate.removedIn]) {
      if (v === undefined || !atLeast(v, oldest)) continue;
      const [major, minor] = v.split('.').map(Number) as [number, number];
      out.add(v);
      if (minor > 0) out.add(`${major}.${minor - 1}`);
    }
  }
  return [...out].filter((v) => atLeast(v, oldest));
}

describe('template functions per target release (every fact)', () => {
  const cases: Array<['alertmanager' | 'prometheus', NameFacts]> = [
    ['alertmanager', ALERTMANAGER_FUNCTION_FACTS],
    ['prometheus', PROMETHEUS_FUNCTION_FACTS],
  ];
  for (const [program, facts] of cases) {
    const name = program === 'alertmanager' ? 'Alertmanager' : 'Prometheus';
    for (const target of releasesOf(facts, OLDEST[program])) {
      it(`${name} ${target}: a function is there exactly when its release is ${target} or older, else the message names that release`, () => {
        const dialect = dialectFor(program, target);
        for (const [fn, gate] of Object.entries(facts)) {
          const problems = parseGoTemplate(`{{ ${fn} }}`, dialect).problems.map((p) => p.message);
          if (atLeast(target, gate.since)) expect(problems, fn).toEqual([]);
          else expect(problems, fn).toEqual([`function "${fn}" not defined in ${name} ${target}, the target version: it needs ${name} ${gate.since} or later`]);
        }
      });
    }
  }

  it('a function neither program has at any release is "not defined", with no release to name', () => {
    expect(parseGoTemplate('{{ toupper }}', dialectFor('alertmanager', '0.34')).problems.map((p) => p.message)).toEqual([
      'function "toupper" not defined in Alertmanager 0.34',
    ]);
    // Prometheus's own functions are not Alertmanager's at any release, and the other way round.
    expect(parseGoTemplate('{{ humanize 1 }}', dialectFor('alertmanager', '>=0.25')).problems.map((p) => p.message)).toEqual([
      'function "humanize" not defined in Alertmanager >=0.25',
    ]);
    expect(parseGoTemplate('{{ toJson . }}', dialectFor('prometheus', '3.x')).problems.map((p) => p.message)).toEqual([
      'function "toJson" not defined in Prometheus 3.x',
    ]);
  });
});

describe('alertmanager/template-syntax on the target Alertmanager', () => {
  const uses = '{{ .CommonLabels.alertname | trimSpace }} {{ (index .Alerts 0).StartsAt | tz "UTC" | date "15:04" }} {{ (index .Alerts 0).StartsAt | since | humanizeDuration }}';

  it('0.28 has date, tz, since, humanizeDuration and trimSpace: no finding (it was a false "not defined in Alertmanager 0.25")', () => {
    expect(templateFindings(project({ receivers: slackTitle(uses), versions: { alertmanager: '0.28' } }))).toEqual([]);
  });

  it('0.25 (the default) refuses each, naming the release that adds it', () => {
    expect(templateFindings(project({ receivers: slackTitle(uses) }))).toEqual([
      'receiver ops: slack[0].title is not a valid template: function "trimSpace" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.26 or later (column 30)',
      'receiver ops: slack[0].title is not a valid template: function "tz" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later (column 75)',
      'receiver ops: slack[0].title is not a valid template: function "date" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later (column 86)',
      'receiver ops: slack[0].title is not a valid template: function "since" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later (column 134)',
      'receiver ops: slack[0].title is not a valid template: function "humanizeDuration" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later (column 142)',
    ]);
  });

  it('0.27 has trimSpace only; >=0.26 likewise (0.26 and 0.27 lack the rest); the message names the range', () => {
    const on = (alertmanager: '0.27' | '>=0.26') => templateFindings(project({ receivers: slackTitle(uses), versions: { alertmanager } }));
    expect(on('0.27').map((m) => /function "(\w+)"/.exec(m)?.[1])).toEqual(['tz', 'date', 'since', 'humanizeDuration']);
    expect(on('>=0.26')).toContain(
      'receiver ops: slack[0].title is not a valid template: function "date" not defined in Alertmanager >=0.26, the target version: it needs Alertmanager 0.28 or later (column 86)',
    );
    expect(on('>=0.26')).toHaveLength(4);
  });

  it('0.28 still refuses toJson, safeUrl and urlUnescape (0.30); >=0.30 and 0.x-from-0.30 ranges accept them', () => {
    const text = '{{ .CommonLabels | toJson }} {{ .ExternalURL | safeUrl }} {{ urlUnescape "a%20b" }}';
    expect(templateFindings(project({ receivers: slackTitle(text), versions: { alertmanager: '0.28' } }))).toEqual([
      'receiver ops: slack[0].title is not a valid template: function "toJson" not defined in Alertmanager 0.28, the target version: it needs Alertmanager 0.30 or later (column 20)',
      'receiver ops: slack[0].title is not a valid template: function "safeUrl" not defined in Alertmanager 0.28, the target version: it needs Alertmanager 0.30 or later (column 48)',
      'receiver ops: slack[0].title is not a valid template: function "urlUnescape" not defined in Alertmanager 0.28, the target version: it needs Alertmanager 0.30 or later (column 62)',
    ]);
    expect(templateFindings(project({ receivers: slackTitle(text), versions: { alertmanager: '>=0.30' } }))).toEqual([]);
    expect(templateFindings(project({ receivers: slackTitle(text), versions: { alertmanager: '0.31' } }))).toEqual([]);
  });

  it('template files are judged on the target too', () => {
    const tmpl = { 'shop.tmpl': '{{ define "shop.when" }}\n{{ (index .Alerts 0).StartsAt | date "2006-01-02" }}{{ end }}\n' };
    expect(templateFindings(project({ versions: { alertmanager: '0.28' } }), tmpl)).toEqual([]);
    expect(templateFindings(project({ versions: { alertmanager: '0.27' } }), tmpl)).toEqual([
      'templates/shop.tmpl:2:33: function "date" not defined in Alertmanager 0.27, the target version: it needs Alertmanager 0.28 or later',
    ]);
  });

  it('the hint lists the functions the target has', () => {
    const hint = (alertmanager: '0.25' | '0.30') =>
      lint(project({ receivers: slackTitle('{{ nope }}'), versions: { alertmanager } })).diagnostics.find((d) => d.id === 'alertmanager/template-syntax')!.hint!;
    expect(hint('0.25')).toBe(
      "Alertmanager 0.25 (the target version) parses this as a Go text/template: every {{ needs }}, every {{ if }}/{{ range }}/{{ with }}/{{ define }} an {{ end }}; functions are Go's builtins plus toUpper, toLower, title, join, match, safeHtml, reReplaceAll, stringSlice",
    );
    expect(hint('0.30')).toContain('stringSlice, trimSpace, date, tz, since, humanizeDuration, safeUrl, urlUnescape, toJson');
    expect(hint('0.30')).not.toContain('dict');
  });
});

describe('alert/template-syntax on the target Prometheus', () => {
  const annotations = { summary: 'Up {{ $value | toDuration }} at {{ now }}', dashboard: 'https://g/d?q={{ $labels.service | urlQueryEscape }}' };

  it('2.42 and 3.x refuse toDuration and now (3.6) and urlQueryEscape (3.8), naming the release', () => {
    for (const prometheus of ['2.42', '3.x'] as const) {
      expect(templateFindings(project({ annotations, versions: { prometheus } }))).toEqual([
        `alert ShopErrors: annotation summary is not a valid template: function "toDuration" not defined in Prometheus ${prometheus}, the target version: it needs Prometheus 3.6 or later (column 16)`,
        `alert ShopErrors: annotation summary is not a valid template: function "now" not defined in Prometheus ${prometheus}, the target version: it needs Prometheus 3.6 or later (column 36)`,
        `alert ShopErrors: annotation dashboard is not a valid template: function "urlQueryEscape" not defined in Prometheus ${prometheus}, the target version: it needs Prometheus 3.8 or later (column 36)`,
      ]);
    }
  });

  it('3.6 has toDuration and now, not urlQueryEscape; 3.8 and >=3.8 have all three', () => {
    expect(templateFindings(project({ annotations, versions: { prometheus: '3.6' } }))).toEqual([
      'alert ShopErrors: annotation dashboard is not a valid template: function "urlQueryEscape" not defined in Prometheus 3.6, the target version: it needs Prometheus 3.8 or later (column 36)',
    ]);
    expect(templateFindings(project({ annotations, versions: { prometheus: '3.8' } }))).toEqual([]);
    expect(templateFindings(project({ annotations, versions: { prometheus: '>=3.8' } }))).toEqual([]);
  });

  it('the Prometheus target does not change what Alertmanager templates may use, nor the other way round', () => {
    const p = project({ annotations, receivers: slackTitle('{{ .CommonLabels | toJson }}'), versions: { prometheus: '3.8', alertmanager: '0.25' } });
    expect(templateFindings(p)).toEqual([
      'receiver ops: slack[0].title is not a valid template: function "toJson" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.30 or later (column 20)',
    ]);
  });
});

describe('alertmanager/unknown-template: built-in templates per target release', () => {
  it('msteams.default.title needs 0.26: refused on 0.25 with the release named (no did-you-mean) and a hint to set the target', () => {
    const ops = slackTitle('{{ template "msteams.default.title" . }}');
    const findings = lint(project({ receivers: ops })).diagnostics.filter((d) => d.id === 'alertmanager/unknown-template');
    expect(findings.map((d) => [d.message, d.hint])).toEqual([
      [
        'receiver ops: slack[0].title uses template "msteams.default.title", which neither the template files nor Alertmanager 0.25, the target version, define: it needs Alertmanager 0.26 or later.',
        "if your Alertmanager is 0.26 or newer, set versions: { alertmanager: '0.26' } (or the release it runs, or '>=0.26'); otherwise define it with {{ define \"msteams.default.title\" }}…{{ end }} in templates/*.tmpl (none found)",
      ],
    ]);
    expect(templateFindings(project({ receivers: ops, versions: { alertmanager: '0.26' } }))).toEqual([]);
    expect(templateFindings(project({ receivers: ops, versions: { alertmanager: '>=0.26' } }))).toEqual([]);
  });

  it('every built-in of every release: known exactly from its release on', () => {
    for (const target of releasesOf(ALERTMANAGER_TEMPLATE_FACTS, OLDEST.alertmanager)) {
      const dialect = dialectFor('alertmanager', target);
      for (const [name, gate] of Object.entries(ALERTMANAGER_TEMPLATE_FACTS)) {
        expect(dialect.templates.has(name), `${name} on ${target}`).toBe(atLeast(target, gate.since));
      }
    }
  });

  it('a range admits what its oldest release has: >=0.27 knows msteams.default.summary, >=0.26 does not; rocketchat needs 0.28', () => {
    const text = '{{ template "msteams.default.summary" . }}{{ template "rocketchat.default.text" . }}';
    const names = (alertmanager: '>=0.26' | '>=0.27' | '>=0.28') =>
      templateFindings(project({ receivers: slackTitle(text), versions: { alertmanager } })).map((m) => /template "([\w.]+)"/.exec(m)?.[1]);
    expect(names('>=0.27')).toEqual(['rocketchat.default.text']);
    expect(names('>=0.26')).toEqual(['msteams.default.summary', 'rocketchat.default.text']);
    expect(names('>=0.28')).toEqual([]);
  });

  it('a use in a template file names the release too', () => {
    const tmpl = { 'shop.tmpl': '{{ define "shop.card" }}\n{{ template "msteamsv2.default.text" . }}{{ end }}\n' };
    expect(templateFindings(project({ versions: { alertmanager: '0.27' } }), tmpl)).toEqual([
      'templates/shop.tmpl:2:13 uses template "msteamsv2.default.text", which neither the template files nor Alertmanager 0.27, the target version, define: it needs Alertmanager 0.28 or later.',
    ]);
  });
});

describe('{{ else with }} (Go 1.23) per target release', () => {
  const text = '{{ with .CommonLabels.team }}{{ . }}{{ else with .CommonLabels.service }}{{ . }}{{ end }}';

  it('refused where some build of a release the target admits predates Go 1.23, naming the release', () => {
    expect(templateFindings(project({ receivers: slackTitle(text), versions: { alertmanager: '0.28' } }))).toEqual([
      "receiver ops: slack[0].title is not a valid template: {{ else with }} is not defined in Alertmanager 0.28, the target version: Go 1.23's text/template added it, and it needs Alertmanager 0.29 or later (column 45)",
    ]);
    expect(templateFindings(project({ receivers: slackTitle(text), versions: { alertmanager: '0.29' } }))).toEqual([]);
    const prom = { summary: '{{ with $labels.team }}{{ . }}{{ else with $labels.service }}{{ . }}{{ end }}' };
    expect(templateFindings(project({ annotations: prom, versions: { prometheus: '3.x' } }))).toHaveLength(1);
    expect(templateFindings(project({ annotations: prom, versions: { prometheus: '3.3' } }))).toEqual([]);
  });

  it('refused in a template file and an alert label too, trim markers and all (round 28: checked, already so)', () => {
    const tmpl = { 'a.tmpl': '{{ define "x" }}{{ with .Status }}{{ . }}{{- else with .Receiver -}}{{ . }}{{ end }}{{ end }}' };
    const label = '{{ with $labels.a }}{{ . }}{{- else with $labels.b -}}{{ . }}{{ end }}';
    const p = (versions: NonNullable<ProjectOptions['versions']>) =>
      shopProject({ alertmanager: { receivers: slackTitle('x'), route: route({ receiver: 'ops' }) }, labels: { severity: 'critical', team: label }, versions });
    expect(templateFindings(p({ alertmanager: '0.28', prometheus: '3.2' }), tmpl)).toEqual([
      "alert ShopErrors: label team is not a valid template: {{ else with }} is not defined in Prometheus 3.2, the target version: Go 1.23's text/template added it, and it needs Prometheus 3.3 or later (column 37)",
      "templates/a.tmpl:1:51: {{ else with }} is not defined in Alertmanager 0.28, the target version: Go 1.23's text/template added it, and it needs Alertmanager 0.29 or later",
    ]);
    expect(templateFindings(p({ alertmanager: '0.29', prometheus: '3.3' }), tmpl)).toEqual([]);
  });

  it('where it is there, it belongs in a {{ with }} only, and its pipeline is checked', () => {
    const dialect = dialectFor('alertmanager', '0.29');
    expect(parseGoTemplate('{{ if .A }}{{ else with .B }}{{ end }}', dialect).problems.map((p) => p.message)).toEqual([
      '{{ else with }} is only allowed in a {{ with }} block, not in {{ if }}',
    ]);
    expect(parseGoTemplate('{{ with .A }}{{ else with }}{{ end }}', dialect).problems.map((p) => p.message)).toEqual(['missing value for with']);
    expect(parseGoTemplate('{{ with .A }}{{ else with $x := .B }}{{ $x }}{{ else }}{{ end }}', dialect).problems).toEqual([]);
  });
});

describe('a name a later release removed', () => {
  // No release up to Alertmanager 0.34 / Prometheus 3.14 dropped a template function or built-in
  // template; the judgement is the version facts' one, checked here on facts that say so.
  const facts = { ...DIALECT_FACTS.alertmanager, functions: { ...ALERTMANAGER_FUNCTION_FACTS, oldFn: { since: '0.25', removedIn: '0.31', source: 'test' } } };

  it('a target that admits a release without it refuses it, naming the removal', () => {
    const message = (target: string) => parseGoTemplate('{{ oldFn }}', buildDialect('alertmanager', target, facts)).problems.map((p) => p.message);
    expect(message('0.30')).toEqual([]);
    expect(message('>=0.30')).toEqual(['function "oldFn" not defined in Alertmanager >=0.30, the target version: Alertmanager 0.31 removed it']);
    expect(message('0.31')).toEqual(['function "oldFn" not defined in Alertmanager 0.31, the target version: Alertmanager 0.31 removed it']);
    expect(message('>=0.25')).toEqual(['function "oldFn" not defined in Alertmanager >=0.25, the target version: Alertmanager 0.31 removed it']);
  });
});

describe('the parse cache keys by target', () => {
  it('one configuration judged on 0.25, then 0.30, then 0.25: each verdict is its target’s', () => {
    const am = modelOf(project({ receivers: slackTitle('{{ .CommonLabels | toJson }}') })).alertmanager!;
    const text = '{{ .CommonLabels | toJson }}';
    const count = (target: string) => parseAlertmanagerTemplate(am, text, dialectFor('alertmanager', target)).problems.length;
    expect([count('0.25'), count('0.30'), count('0.25'), count('>=0.30')]).toEqual([1, 0, 1, 0]);
  });

  it('two runs of one project object on two targets agree with each run alone', () => {
    const receivers = slackTitle('{{ .CommonLabels | toJson }}');
    const old = project({ receivers, versions: { alertmanager: '0.25' } });
    const recent = project({ receivers, versions: { alertmanager: '0.30' } });
    expect([templateFindings(recent).length, templateFindings(old).length, templateFindings(recent).length]).toEqual([0, 1, 0]);
  });
});
