/**
 * amtool's routing tests run up to the core count at a time, each starting as soon as one ends, and
 * their findings come in the tests' order, whichever run ends first.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { testRoutes } from '../../src/validate/routing-tests.js';
import type { RoutingTestModel } from '../../src/model/alertmanager.js';

/** A fake amtool: logs start and end with the test's `wait=` label, sleeps that long, routes to `nobody`. */
function fakeAmtool(log: string) {
  const file = path.join(tempDir('totem-mon-fake-amtool-'), 'amtool');
  const script = [
    '#!/bin/sh',
    // The labels come quoted (`wait="0.6"`), as amtool's matcher parser reads them.
    'for a in "$@"; do case "$a" in wait=*) w=$(printf %s "${a#wait=}" | tr -d \'"\');; esac; done',
    `echo "start $w" >> '${log}'`,
    'sleep "$w"',
    `echo "end $w" >> '${log}'`,
    'echo nobody',
    'exit 1',
  ].join('\n');
  writeFileSync(file, `${script}\n`);
  chmodSync(file, 0o755);
  return { name: 'amtool' as const, path: file };
}

const test = (name: string, wait: string): RoutingTestModel => ({ name, labels: { alertname: name, wait }, alsoFiring: [], receivers: ['team'], path: ['alertmanager', 'tests', name] });

describe('amtool routing tests', () => {
  it('run two at a time with two slots, the next as soon as one ends; findings in the tests\' order', async () => {
    const log = path.join(tempDir('totem-mon-routes-log-'), 'log');
    writeFileSync(log, '');
    const tests = [test('a', '0.6'), test('b', '0.05'), test('c', '0.05'), test('d', '0.05')];
    const found = await testRoutes(fakeAmtool(log), tempDir('totem-mon-routes-'), 'alertmanager.yml', tests, 2);
    expect(found.map((d) => d.message.match(/"(\w)"/)?.[1])).toEqual(['a', 'b', 'c', 'd']);
    const events = readFileSync(log, 'utf8').trim().split('\n');
    // b, c and d ran one after the other beside a: in waves of two, c and d would wait for a.
    expect(events.indexOf('end 0.6')).toBe(events.length - 1);
    let running = 0;
    for (const e of events) {
      running += e.startsWith('start') ? 1 : -1;
      expect(running).toBeLessThanOrEqual(2);
    }
    expect(events.filter((e) => e.startsWith('start'))).toHaveLength(4);
  });
});
