import { describe, expect, it } from 'vitest';
import type { AlertMatcherModel, RouteModel } from '../../src/model/alertmanager.js';
import { fallsToRoot, matchRoutes, matcherMatches, receiversFor } from '../../src/model/routing.js';

const m = (label: string, op: AlertMatcherModel['op'], value: string): AlertMatcherModel => ({ label, op, value });

function r(receiver: string | undefined, matchers: AlertMatcherModel[], routes: RouteModel[] = [], cont = false): RouteModel {
  return {
    ...(receiver !== undefined ? { receiver } : {}),
    matchers,
    continue: cont,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    routes,
    path: [],
  };
}

describe('matchers', () => {
  it('= and != treat a missing label as the empty string', () => {
    expect(matcherMatches(m('team', '=', ''), {})).toBe(true);
    expect(matcherMatches(m('team', '!=', 'ops'), {})).toBe(true);
    expect(matcherMatches(m('team', '=', 'ops'), { team: 'ops' })).toBe(true);
    expect(matcherMatches(m('team', '!=', 'ops'), { team: 'ops' })).toBe(false);
  });
  it('=~ and !~ are anchored', () => {
    expect(matcherMatches(m('severity', '=~', 'crit'), { severity: 'critical' })).toBe(false);
    expect(matcherMatches(m('severity', '=~', 'crit.*'), { severity: 'critical' })).toBe(true);
    expect(matcherMatches(m('severity', '=~', 'critical|warning'), { severity: 'warning' })).toBe(true);
    expect(matcherMatches(m('severity', '!~', 'critical|warning'), { severity: 'info' })).toBe(true);
    expect(matcherMatches(m('severity', '!~', 'critical|warning'), { severity: 'critical' })).toBe(false);
    expect(matcherMatches(m('team', '!~', '.+'), {})).toBe(true);
  });
});

describe('route tree', () => {
  const tree = r('default', [], [
    r('pager', [m('severity', '=', 'critical')], [r('db-pager', [m('service', '=~', 'db|cache')])]),
    r('audit', [m('severity', '=~', 'critical|warning')], [], true),
    r('chat', [m('severity', '=~', 'critical|warning')]),
    r(undefined, [m('severity', '=', 'info')]),
  ]);

  it('takes the first matching child and stops without continue', () => {
    expect(receiversFor(tree, { severity: 'critical', alertname: 'X' })).toEqual(['pager']);
  });
  it('descends into nested routes', () => {
    expect(receiversFor(tree, { severity: 'critical', service: 'db' })).toEqual(['db-pager']);
    expect(matchRoutes(tree, { severity: 'critical', service: 'db' })[0]!.position).toEqual([0, 0]);
  });
  it('keeps looking after a route with continue', () => {
    expect(receiversFor(tree, { severity: 'warning' })).toEqual(['audit', 'chat']);
  });
  it('inherits the receiver of the parent', () => {
    expect(receiversFor(tree, { severity: 'info' })).toEqual(['default']);
    expect(fallsToRoot(tree, { severity: 'info' })).toBe(false);
  });
  it('falls to the root when nothing matches', () => {
    expect(receiversFor(tree, { severity: 'page' })).toEqual(['default']);
    expect(fallsToRoot(tree, { severity: 'page' })).toBe(true);
  });
  it('ignores matchers on the root', () => {
    expect(receiversFor(r('default', [m('x', '=', 'y')]), {})).toEqual(['default']);
  });
});
