// A target version admits a set of versions (`3.5`, `3.x`/`3`, `>=3.5`): a version fact holds for the
// target only if it holds for every version admitted. `3.x` once meant "what 3.0 has", so a feature
// removed in 3.5 passed on `3.x`, and an installed promtool 3.5 was judged as 3.0.
import { describe, expect, it } from 'vitest';
import { availability, has, supportedVersion, type VersionGate } from '../../src/model/version-facts.js';
import { versionRange } from '../../src/model/version-range.js';
import { versionsSchema } from '../../src/model/schema/versions.js';

const gate = (g: Omit<VersionGate, 'source'>): VersionGate => ({ ...g, source: 'test' });

describe('what a target version admits', () => {
  it('a release, a whole major, a lower bound', () => {
    expect(versionRange('3.5')).toEqual({ oldest: '3.5', end: '3.6' });
    expect(versionRange('3.5.2')).toEqual({ oldest: '3.5', end: '3.6' });
    expect(versionRange('3.x')).toEqual({ oldest: '3.0', end: '4.0' });
    expect(versionRange('3')).toEqual({ oldest: '3.0', end: '4.0' });
    expect(versionRange('>=3.5')).toEqual({ oldest: '3.5' });
    expect(versionRange('>= 2.53')).toEqual({ oldest: '2.53' });
    expect(['', '3.', 'x', '3.5.x', '>3.5', '<=3.5', 'latest', '3.5-rc.0'].map(versionRange)).toEqual(Array(8).fill(undefined));
  });
});

describe('availability holds for every version the target admits', () => {
  it('what came in 3.5: missing on 3.x and on >=3.4, there on 3.5, 3.6 and >=3.5', () => {
    const g = gate({ since: '3.5' });
    expect(['3.x', '3', '>=3.4', '3.4', '2.53'].map((t) => availability(g, t))).toEqual([false, false, false, false, false]);
    expect(['3.5', '3.6', '>=3.5', '3.5.1'].map((t) => availability(g, t))).toEqual([true, true, true, true]);
  });

  it('what 3.5 removed: missing on 3.x (3.5 is a 3) and on >=3.0, there on 3.4', () => {
    const g = gate({ since: '2.0', removedIn: '3.5' });
    expect(['3.x', '>=3.0', '>=2.42', '3.5', '3.9'].map((t) => availability(g, t))).toEqual([false, false, false, false, false]);
    expect(['3.4', '2.53', '3.0'].map((t) => availability(g, t))).toEqual([true, true, true]);
  });

  it('what 3.0 removed: missing on every 3 and on a bound that reaches 3, there on every 2', () => {
    const g = gate({ since: '2.0', removedIn: '3.0' });
    expect(['3.x', '>=2.53', '>=3.1', '3.0'].map((t) => availability(g, t))).toEqual([false, false, false, false]);
    expect(['2.42', '2.55'].map((t) => availability(g, t))).toEqual([true, true]);
  });

  it('a flag until 3.14: flagged on 3.x and >=3.4, free on >=3.14 and 3.14', () => {
    const g = gate({ since: '3.4', flag: 'f', flagUntil: '3.14' });
    expect(['3.4', '>=3.4', '3.13'].map((t) => availability(g, t))).toEqual(['flag', 'flag', 'flag']);
    expect(['3.14', '>=3.14', '3.20'].map((t) => availability(g, t))).toEqual([true, true, true]);
    expect(['3.x', '>=3.3'].map((t) => availability(g, t))).toEqual([false, false]);
  });

  it('the definition fields, for both programs', () => {
    const on = (prometheus: string, alertmanager = '0.25') => ({ prometheus, alertmanager });
    expect(['2.48', '2.49', '>=2.49', '3.x'].map((p) => has(on(p), 'scrapeProtocols'))).toEqual([false, true, true, true]);
    expect(['2.55', '>=2.53', '3.x', '3.0', '>=3.0'].map((p) => has(on(p), 'utf8Names'))).toEqual([false, false, true, true, true]);
    expect(['0.26', '0.27', '>=0.26', '>=0.27', '1.x'].map((a) => has(on('2.42', a), 'utf8Matchers'))).toEqual([false, true, false, true, true]);
  });
});

describe('the versions setting', () => {
  const parse = (versions: unknown) => versionsSchema.safeParse(versions);
  it('takes a release, a major and a lower bound from the oldest version the facts know', () => {
    for (const prometheus of ['2.42', '2.53', '2.55', '3.x', '3', '3.5', '3.5.1', '>=3.5', '>=2.42', '4.x']) expect(parse({ prometheus }).success, prometheus).toBe(true);
    for (const alertmanager of ['0.25', '0.26', '0.28', '0.31', '>=0.27', '1.x']) expect(parse({ alertmanager }).success, alertmanager).toBe(true);
  });

  it('refuses what it cannot judge (older than the facts, or not a version), with a hint', () => {
    for (const prometheus of ['2.41', '2.x', '2', '>=2.30', '1.8', 'latest', '3.5.x', '>3.5']) expect(parse({ prometheus }).success, prometheus).toBe(false);
    for (const alertmanager of ['0.24', '0.x', '0', '0.1']) expect(parse({ alertmanager }).success, alertmanager).toBe(false);
    const issue = parse({ prometheus: '2.x' }).error!.issues[0]!;
    expect(issue.message).toContain('Prometheus');
    expect(issue.message).toContain("'>=2.42'");
  });
});

describe('an installed tool is the target its own release', () => {
  it('Prometheus 3.5.1 is 3.5 (not every 3), 2.55 is 2.55; older than the facts know: no target', () => {
    expect(['2.42.0+ds', '2.49.1', '2.55.1', '3.5.0', '3.14.2', '2.40.7', 'x'].map((v) => supportedVersion('prometheus', v))).toEqual(['2.42', '2.49', '2.55', '3.5', '3.14', undefined, undefined]);
    expect(['0.25.0', '0.26.0', '0.27.0', '0.31.1', '0.24.0'].map((v) => supportedVersion('alertmanager', v))).toEqual(['0.25', '0.26', '0.27', '0.31', undefined]);
  });
});
