import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertmanager, counter, dashboard, defineProject, receiver, route, scrapeJob, timeseriesPanel, type Route } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: [] });

function project(am: ReturnType<typeof alertmanager>, extra: object = {}) {
  return defineProject({
    name: 'fixture',
    metrics: [requests],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    alertmanager: am,
    ...extra,
  });
}

function diagnostics(raw: unknown) {
  const parsed = parseProject(raw);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.diagnostics;
}

describe('cycles in user objects are findings with a path, not stack overflows', () => {
  it('a route that contains itself', () => {
    const routes: Route<'team'>[] = [];
    const root = route({ receiver: 'team', routes });
    routes.push(root);
    const [d, ...rest] = diagnostics(project(alertmanager({ receivers: [receiver({ name: 'team' })], route: root })));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      id: 'schema',
      severity: 'error',
      message: 'a cycle: alertmanager › route › routes[0] is alertmanager › route again (an object that contains itself)',
      path: ['alertmanager', 'route', 'routes[0]'],
      source: { file: expect.stringMatching(/structure\.test\.ts$/) },
    });
    expect(d!.hint).toContain('definitions are trees');
  });

  it('a cycle two levels down (a child route whose routes hold the root)', () => {
    const routes: Route<'team'>[] = [];
    const root = route({ receiver: 'team', routes: [route({ matchers: { severity: 'critical' }, routes })] });
    routes.push(root);
    const [d] = diagnostics(project(alertmanager({ receivers: [receiver({ name: 'team' })], route: root })));
    expect(d!.message).toBe('a cycle: alertmanager › route › routes[0] › routes[0] is alertmanager › route again (an object that contains itself)');
  });

  it('receivers that hold each other', () => {
    const a = receiver({ name: 'a', email: [] });
    const b = receiver({ name: 'b', email: [] });
    (a.email as unknown[]).push(b);
    (b.email as unknown[]).push(a);
    const [d] = diagnostics(project(alertmanager({ receivers: [a, b], route: route({ receiver: 'a' }) })));
    expect(d!.message).toBe('a cycle: alertmanager › receivers › a › email[0] › email[0] is alertmanager › receivers › a again (an object that contains itself)');
  });

  it('a dashboard inside its own panels', () => {
    const panels: unknown[] = [];
    const d = dashboard({ title: 'Loop', panels: panels as never });
    panels.push(d);
    const [found] = diagnostics(project(alertmanager({ receivers: [receiver({ name: 't' })], route: route({ receiver: 't' }) }), { dashboards: [d] }));
    expect(found!.message).toBe('a cycle: dashboards › Loop › panels › Loop is dashboards › Loop again (an object that contains itself)');
  });

  it('a route tree 10,000 levels deep is one finding, not a stack overflow', () => {
    let deepest = route({ receiver: 'team' });
    for (let i = 0; i < 10_000; i++) deepest = route({ receiver: 'team', routes: [deepest] });
    const [d, ...rest] = diagnostics(project(alertmanager({ receivers: [receiver({ name: 'team' })], route: deepest })));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ id: 'schema', message: 'nested more than 256 levels deep (from here on)' });
    expect(d!.path!.slice(0, 3)).toEqual(['alertmanager', 'route', 'routes[0]']);
  });

  it('the same object used twice (shared, not a cycle) is fine', () => {
    const panel = timeseriesPanel({ title: 'Req', targets: [{ expr: `sum(${requests})` }] });
    const parsed = parseProject(
      project(alertmanager({ receivers: [receiver({ name: 't' })], route: route({ receiver: 't' }) }), {
        dashboards: [dashboard({ title: 'A', panels: [panel, panel] }), dashboard({ title: 'B', panels: [panel] })],
      }),
    );
    expect(parsed.ok).toBe(true);
  });

  it('generate: exit 1 with the finding, nothing written', async () => {
    const out = tempDir();
    const r = await runCli(['generate', '--definitions', path.join(FIXTURES, 'structure', 'route-cycle'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error [schema] route-cycle/index.ts:6 › alertmanager › route › routes[0]: a cycle: alertmanager › route › routes[0] is alertmanager › route again');
    expect(snapshotTree(out)).toEqual({});
  });
});
