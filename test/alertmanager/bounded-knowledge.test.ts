// Audit round 24: what an alert may carry is read from its expression's bound, not only from an
// exact result: `sum by (service) (other_metric)` (a metric outside the catalogue) or a finite
// `{__name__=~"a|b"}` may carry only those labels. The routing checks judge those alerts; an alert
// whose labels are truly open still may carry any label (quiet).
import { describe, expect, it } from 'vitest';
import { alert, alertmanager, counter, defineProject, inhibitRule, receiver, route, ruleGroup, scrapeJob, type Rule } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const errors = counter({ name: 'app_errors_total', help: 'Errors.', labels: ['service'] });
const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['service', 'code'] });
const annotations = { summary: 'Erros', description: 'Erros demais', runbook_url: 'https://runbooks/x' };
const alertOf = (name: string, expr: string, severity = 'critical') => alert({ name, expr, for: '5m', labels: { severity }, annotations });

function project(rules: Rule[]) {
  return defineProject({
    name: 't',
    metrics: [errors, requests],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:1'] })] },
    ruleGroups: [ruleGroup({ name: 'g', rules })],
    alertmanager: alertmanager({
      receivers: [receiver({ name: 'chat' }), receiver({ name: 'ops' })],
      route: route({ receiver: 'chat', groupBy: ['alertname'], routes: [route({ receiver: 'ops', matchers: { team: 'ops' }, groupBy: ['alertname', 'cluster'] })] }),
      inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['cluster'] })],
    }),
  });
}
const ids = ['alertmanager/unmatched-route', 'alertmanager/inhibit-equal', 'alertmanager/unreachable-receiver'];
const messages = (rules: Rule[]) => runOn(project(rules), ids).map((d) => `${d.id}: ${d.message}`);

describe('routing checks over alerts whose labels are bounded but not known exactly', () => {
  it('a route, an inhibit rule on labels no such alert may carry: reported as for exactly known alerts', () => {
    const rules = [
      alertOf('Other', 'sum by (service) (rate(other_errors_total[5m])) > 1'),
      alertOf('Nameless', 'count by (service) ({job="app"}) > 1', 'warning'),
      alertOf('Regex', 'rate({__name__=~"app_errors_total|app_requests_total"}[5m]) > 1', 'warning'),
    ];
    expect(messages(rules)).toEqual([
      'alertmanager/unreachable-receiver: receiver ops is named by route.routes[0], but no declared alert reaches it: an earlier route takes every alert it would match, or its matchers match none',
      'alertmanager/unmatched-route: route {team="ops"} matches no alert rule: no alert rule can produce team="ops": no alert rule has a label team.',
      'alertmanager/inhibit-equal: inhibitRules[0]: equal label "cluster" is carried by no alert on either side (sources: Other; targets: Nameless, Regex): it is always equal (empty on both), so every source mutes every target everywhere.',
    ]);
  });

  it('stays quiet where a bound holds the label, or an alert\'s labels are open', () => {
    expect(messages([alertOf('Other', 'sum by (service, team, cluster) (rate(other_errors_total[5m])) > 1'), alertOf('Warn', 'sum by (cluster) (other_gauge) > 1', 'warning')])).toEqual([]);
    expect(messages([alertOf('Open', 'rate(other_errors_total[5m]) > 1'), alertOf('OpenWarn', 'other_gauge > 1', 'warning')])).toEqual([]);
  });
});
