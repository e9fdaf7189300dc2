// dashboard/v2-unsupported (#21): with the V2 schema, what V2 has no place for is refused with a
// finding naming it, never dropped; with the classic schema the same definitions are fine.
import { describe, expect, it } from 'vitest';
import { dashboard, defineProject, gauge, scrapeJob, statPanel, type Panel } from '../../src/index.js';
import { runOn, sourceOf } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';

const queue = gauge({ name: 'shop_queue', help: 'Queue.' });

function project(panel: Panel, schema: 'classic' | 'v2') {
  return defineProject({
    name: 'shop',
    metrics: [queue],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:1'] })] },
    dashboards: [dashboard({ title: 'Shop', panels: [panel] })],
    grafana: { schema },
  });
}

const lint = (panel: Panel, schema: 'classic' | 'v2') => runOn(project(panel, schema), ['dashboard/v2-unsupported']).map(pinned);

const withDatasource = statPanel({ title: 'Fila', datasource: { type: 'prometheus', uid: 'prod' }, targets: [{ expr: `${queue}` }] });
const withTooltip = statPanel({
  title: 'Fila',
  links: [{ title: 'Wiki', url: 'https://wiki.example.com' }, { title: 'Runbook', url: 'https://runbooks.example.com/q', tooltip: 'What to do' }],
  targets: [{ expr: `${queue}` }],
});

describe('dashboard/v2-unsupported', () => {
  it('refuses a panel data source in V2, at the panel', () => {
    const { file, line } = sourceOf(withDatasource);
    expect(lint(withDatasource, 'v2')).toEqual([
      {
        message: 'panel Fila of dashboard Shop has a panel data source ("prod"): the V2 schema has none, each query names its own',
        hint: "move `datasource` to each of the panel's targets, or write the classic schema (grafana: { schema: 'classic' })",
        path: ['dashboards', 'Shop', 'panels', 'Fila', 'datasource'],
        file,
        line,
        highlighted: undefined,
      },
    ]);
  });

  it("refuses a panel link's tooltip in V2, naming the link", () => {
    const [finding, ...rest] = lint(withTooltip, 'v2');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      message: 'panel Fila of dashboard Shop: the tooltip of its link "Runbook" has no place in the V2 schema (a panel link there is a title, a URL and a target)',
      hint: "remove `tooltip` from the link (say it in the title), or write the classic schema (grafana: { schema: 'classic' })",
      path: ['dashboards', 'Shop', 'panels', 'Fila', 'links', '1', 'tooltip'],
      file: sourceOf(withTooltip).file,
    });
  });

  it('is quiet with the classic schema, and in V2 without them', () => {
    expect(lint(withDatasource, 'classic')).toEqual([]);
    expect(lint(withTooltip, 'classic')).toEqual([]);
    expect(lint(statPanel({ title: 'Fila', links: [{ title: 'Wiki', url: 'https://wiki.example.com' }], targets: [{ expr: `${queue}` }] }), 'v2')).toEqual([]);
  });
});
