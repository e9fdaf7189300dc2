// An alert rule's label value may be a Go template: Prometheus expands it at every evaluation
// (rules/alerting.go expands labels like annotations), so `severity: '{{ if gt $value 10.0 }}critical
// {{ else }}warning{{ end }}'` reaches Alertmanager as critical or warning, never as the template
// text. The routing checks judge such a label by the values it can render (only literal text chosen
// by {{ if }}: those values; a value printed from data: any value), not by its text.
import { describe, expect, it } from 'vitest';
import { inhibitRule, receiver, route, secretFile, type AlertmanagerOptions, type AlertRule, type Receiver, type Route } from '../../src/index.js';
import { modelOf } from '../helpers/model.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';

const hook = (name: string): Receiver => receiver({ name, webhook: [{ url: `http://bridge/${name}` }] });

function findings(labels: { severity: string } & Record<string, string>, receivers: Receiver[], root: Route, extra: { inhibit?: boolean } = {}): string[] {
  const p = shopProject({
    labels,
    by: ['service', 'env'],
    alertmanager: {
      receivers,
      route: root,
      ...(extra.inhibit
        ? { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['alertname', 'service'] })] }
        : {}),
    },
  });
  return lintFindings(p)
    .filter((d) => d.id?.startsWith('alertmanager/'))
    .map((d) => `[${d.id}] ${d.message}`);
}

const CHOSEN = '{{ if gt $value 10.0 }}critical{{ else }}warning{{ end }}';
const bySeverity = (critical: string, warning: string) =>
  route({
    receiver: 'default',
    groupBy: ['alertname', 'service'],
    routes: [route({ receiver: 'crit', matchers: { severity: critical } }), route({ receiver: 'warn', matchers: { severity: warning } })],
  });
const receivers = [hook('default'), hook('crit'), hook('warn')];

describe('a templated alert label routes by the values it renders', () => {
  it('takes routes on each value an {{ if }} chooses: no false unmatched, unreachable, default-route or severity-mismatch', () => {
    expect(findings({ severity: CHOSEN, team: 'shop' }, receivers, bySeverity('critical', 'warning'), { inhibit: true })).toEqual([]);
  });

  it('takes routes on any value when the template prints data ({{ $labels.env }})', () => {
    const root = route({ receiver: 'default', groupBy: ['alertname'], routes: [route({ receiver: 'crit', matchers: { severity: 'critical', team: 'prod' } })] });
    expect(findings({ severity: 'critical', team: '{{ $labels.env }}' }, [hook('default'), hook('crit')], root)).toEqual([]);
  });

  it('still reports a route value the template never renders', () => {
    const got = findings({ severity: CHOSEN }, receivers, bySeverity('critical', 'page'));
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[alertmanager\/unmatched-route\] route \{severity="page"\} matches no alert rule: no alert rule can produce severity="page": the alert rules set severity to "critical", "warning"\./),
        expect.stringMatching(/^\[alertmanager\/severity-mismatch\] route \{severity="page"\} tests severity "page", which no alert carries \(the alerts use "critical", "warning"\)/),
        expect.stringMatching(/^\[alertmanager\/unreachable-receiver\] receiver warn /),
      ]),
    );
    expect(got.filter((m) => m.includes('"critical"') && m.includes('[alertmanager/unmatched-route]') && m.includes('route {severity="critical"}'))).toEqual([]);
  });

  it('still reports a case variant the template renders', () => {
    const got = findings({ severity: '{{ if gt $value 10.0 }}Critical{{ else }}warning{{ end }}' }, receivers, bySeverity('critical', 'warning'));
    expect(got.some((m) => m.startsWith('[alertmanager/severity-mismatch]') && m.includes('"Critical"'))).toBe(true);
  });

  it('holds each value it renders to PagerDuty severity when a receiver sends the label', () => {
    const pd = receiver({ name: 'pd', pagerduty: [{ routingKey: secretFile('/etc/am/pd'), severity: '{{ .CommonLabels.severity }}' }] });
    const root = route({ receiver: 'pd', groupBy: ['alertname'] });
    const got = findings({ severity: '{{ if gt $value 10.0 }}page{{ else }}warning{{ end }}' }, [pd], root);
    expect(got.filter((m) => m.startsWith('[alertmanager/pagerduty-severity]'))).toEqual([
      expect.stringContaining('set severity="page", which PagerDuty refuses'),
    ]);
  });
});

// A routing test naming such an alert says which value the template rendered: its labels win over
// the template text (which never reaches Alertmanager); a rule label that is no template still wins
// over the test's (series) labels, as in Prometheus.
describe('a routing test of an alert with a templated label', () => {
  const testsOf = (labels: { severity: string } & Record<string, string>, tests: (a: AlertRule) => AlertmanagerOptions['tests']) => {
    const base = shopProject({ labels, alertmanager: { receivers, route: bySeverity('critical', 'warning') } });
    const shopErrors = base.ruleGroups![0]!.rules[0] as AlertRule;
    const p = shopProject({ labels, alertmanager: { receivers, route: bySeverity('critical', 'warning'), tests: tests(shopErrors) } });
    return lintFindings(p).filter((d) => d.id?.startsWith('tests/routing')).map((d) => `[${d.id}] ${d.message}`);
  };

  it('routes by the value the test gives, in the test and in alsoFiring', () => {
    const p = (value: string, receiver: 'crit' | 'warn') => (a: AlertRule): AlertmanagerOptions['tests'] => [
      { alert: a, labels: { severity: value, service: 'cart' }, receivers: [receiver] },
      { alert: a, labels: { severity: value }, alsoFiring: [{ alert: a, labels: { severity: 'critical' } }], receivers: [receiver] },
    ];
    expect(testsOf({ severity: CHOSEN }, p('critical', 'crit'))).toEqual([]);
    expect(testsOf({ severity: CHOSEN }, p('warning', 'warn'))).toEqual([]);
    // The test's value is what is routed: a wrong expectation still fails.
    expect(testsOf({ severity: CHOSEN }, p('warning', 'crit'))).toHaveLength(2);
  });

  it('the model holds the test’s value, and a static rule label over the test’s', () => {
    const base = shopProject({ labels: { severity: CHOSEN, team: 'shop' }, alertmanager: { receivers, route: bySeverity('critical', 'warning') } });
    const a = base.ruleGroups![0]!.rules[0] as AlertRule;
    const p = shopProject({
      labels: { severity: CHOSEN, team: 'shop' },
      alertmanager: { receivers, route: bySeverity('critical', 'warning'), tests: [{ alert: a, labels: { severity: 'critical', team: 'other' }, receivers: ['crit'] }] },
    });
    expect(modelOf(p).alertmanager!.tests[0]!.labels).toMatchObject({ severity: 'critical', team: 'shop', alertname: 'ShopErrors' });
  });

  it('asks for the value when the test gives none, or one the template never renders', () => {
    expect(testsOf({ severity: CHOSEN }, (a) => [{ alert: a, receivers: ['crit'] }])).toEqual(
      expect.arrayContaining([
        '[tests/routing-labels] routing test "ShopErrors": alert ShopErrors\'s label severity is a template ({{ if gt $value 10.0 }}critical{{ else }}warning{{ end }}): Alertmanager receives what it renders ("critical", "warning"), and the test does not say which',
      ]),
    );
    expect(testsOf({ severity: CHOSEN }, (a) => [{ alert: a, labels: { severity: 'page' }, receivers: ['default'] }])).toEqual([
      '[tests/routing-labels] routing test "ShopErrors severity=page": alert ShopErrors\'s label severity is a template that renders "critical", "warning", never "page"',
    ]);
  });
});
