// An alert rule's label value may be a Go template: Prometheus expands it at every evaluation
// (rules/alerting.go expands labels like annotations), so `severity: '{{ if gt $value 10.0 }}critical
// {{ else }}warning{{ end }}'` reaches Alertmanager as critical or warning, never as the template
// text. The routing checks judge such a label by the values it can render (only literal text chosen
// by {{ if }}: those values; a value printed from data: any value), not by its text.
import { describe, expect, it } from 'vitest';
import { inhibitRule, receiver, route, secretFile, type Receiver, type Route } from '../../src/index.js';
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
