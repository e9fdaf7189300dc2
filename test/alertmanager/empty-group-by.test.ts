// An empty groupBy below a route that groups: Alertmanager 0.31 reads `group_by: []` as "no grouping"
// (config/config.go keeps the empty list, #4825); before it, an empty list is read as no group_by at
// all, so the route inherits its parent's grouping (amtool 0.25 `check-config` accepts the file, and
// `config routes` shows the same tree either way). The model, the output, the grouping the checks
// follow and version/unsupported read it the same way for each target.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { receiver, route, type Receiver, type Route } from '../../src/index.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';
import { generated } from '../helpers/model.js';
import type { ProjectOptions } from '../../src/index.js';

type Versions = ProjectOptions['versions'];

function findings(receivers: Receiver[], root: Route, versions: Versions, id: string): string[] {
  const p = shopProject({ alertmanager: { receivers, route: root }, ...(versions ? { versions } : {}) });
  return lintFindings(p).filter((d) => d.id === id).map((d) => d.message);
}

const slack = (name: string, title: string) => receiver({ name, slack: [{ channel: '#shop', title }] });
const none = receiver({ name: 'none' });

describe('an empty groupBy below a grouping route', () => {
  // The parent groups by service; the route that takes ShopErrors says groupBy: [].
  const tree = route({ receiver: 'none', groupBy: ['service'], routes: [route({ receiver: 'shop', matchers: { severity: 'critical' }, groupBy: [] })] });

  it('.GroupLabels: on 0.31 and later the route groups by nothing; before, it keeps its parent’s labels', () => {
    const receivers = [none, slack('shop', '{{ .GroupLabels.service }} failing')];
    expect(findings(receivers, tree, { alertmanager: '0.31' }, 'alertmanager/template-field')).toEqual([
      'receiver shop: slack[0].title reads .GroupLabels.service, but no route that sends to it groups by service (they group by nothing): it is always empty',
    ]);
    expect(findings(receivers, tree, { alertmanager: '>=0.32' }, 'alertmanager/template-field')).toHaveLength(1);
    // 0.25 inherits service (and version/unsupported says the empty list is not what it reads).
    expect(findings(receivers, tree, { alertmanager: '0.25' }, 'alertmanager/template-field')).toEqual([]);
    expect(findings(receivers, tree, { alertmanager: '0.25' }, 'version/unsupported')).toHaveLength(1);
    expect(findings(receivers, tree, { alertmanager: '0.31' }, 'version/unsupported')).toEqual([]);
  });

  it('group-by-label: before 0.31 the parent’s groupBy groups the alerts of the route with the empty list, from 0.31 on it does not', () => {
    // ShopErrors carries no cluster: the parent's groupBy splits nothing among the alerts it groups.
    const byCluster = route({ receiver: 'none', groupBy: ['cluster'], routes: [route({ receiver: 'shop', matchers: { severity: 'critical' }, groupBy: [] })] });
    const receivers = [none, slack('shop', 'x')];
    expect(findings(receivers, byCluster, { alertmanager: '0.25' }, 'alertmanager/group-by-label')).toEqual([
      'route: groupBy label "cluster" is carried by no alert that reaches it (ShopErrors): every one has it empty, so it splits nothing (all the alerts of the route go in one notification).',
    ]);
    expect(findings(receivers, byCluster, { alertmanager: '0.31' }, 'alertmanager/group-by-label')).toEqual([]);
    // Below the route with the empty list, a route without groupBy inherits what that route reads.
    const deeper = route({
      receiver: 'none',
      groupBy: ['cluster'],
      routes: [route({ receiver: 'none', matchers: { severity: 'critical' }, groupBy: [], routes: [route({ receiver: 'shop', matchers: { alertname: 'ShopErrors' } })] })],
    });
    expect(findings(receivers, deeper, { alertmanager: '0.25' }, 'alertmanager/group-by-label')).toHaveLength(1);
    expect(findings(receivers, deeper, { alertmanager: '0.31' }, 'alertmanager/group-by-label')).toEqual([]);
  });

  it('the output writes group_by: [] only for a target that reads it; before 0.31 the list means what no group_by means', () => {
    const p = (versions: Versions) =>
      shopProject({
        alertmanager: {
          receivers: [none, slack('shop', 'x')],
          route: route({ receiver: 'none', groupBy: [], routes: [route({ receiver: 'shop', matchers: { severity: 'critical' }, groupBy: [] })] }),
        },
        ...(versions ? { versions } : {}),
      });
    const routeOf = (versions: Versions) => parse(generated(p(versions)).files['alertmanager/alertmanager.yml']!).route;
    expect(routeOf({ alertmanager: '0.31' })).toMatchObject({ group_by: [], routes: [{ receiver: 'shop', group_by: [] }] });
    const old = routeOf({ alertmanager: '0.25' });
    expect(old).not.toHaveProperty('group_by');
    expect(old.routes[0]).not.toHaveProperty('group_by');
  });
});
