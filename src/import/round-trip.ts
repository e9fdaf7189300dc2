/**
 * The round trip's proof: the rule groups read from the input against those read back from the
 * rule files `generate` wrote from the imported definitions. Same groups (a group renamed for being
 * a second of its name is `<name>-<n>`), same rules in each (alerts and recording rules by name, in
 * order), and for each rule the same `for`, `keep_firing_for` (as durations), labels, annotations
 * and expression (the same syntax tree: src/promql/canonical.ts), and the group's interval and limit.
 * Labels are compared as the rule's series get them: its group's `labels` (Prometheus 3), then its own.
 */
import { durationMs } from '../duration.js';
import { samePromql } from '../promql/canonical.js';
import type { ImportedGroup, ImportedRule } from './rule-groups.js';

export interface RoundTripDifference {
  group: string;
  rule?: string;
  /** What differs: `expr`, `for`, `labels`, …, or `missing` (not regenerated) and `extra` (regenerated, not in the input). */
  field: string;
  original?: string;
  regenerated?: string;
}

export interface RoundTrip {
  /** Rules of the input. */
  rules: number;
  /** Rules regenerated with the same meaning. */
  equal: number;
  differences: RoundTripDifference[];
}

const sameDuration = (a: string | undefined, b: string | undefined) => (a === undefined || b === undefined ? a === b : durationMs(a) === durationMs(b) && durationMs(a) !== undefined) || a === b;

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function ruleDifferences(group: string, a: ImportedRule, b: ImportedRule): RoundTripDifference[] {
  const out: RoundTripDifference[] = [];
  const differ = (field: string, original: unknown, regenerated: unknown) => out.push({ group, rule: a.name, field, original: show(original), regenerated: show(regenerated) });
  if (!samePromql(a.expr, b.expr)) differ('expr', a.expr, b.expr);
  if (!sameDuration(a.for, b.for)) differ('for', a.for, b.for);
  if (!sameDuration(a.keepFiringFor, b.keepFiringFor)) differ('keep_firing_for', a.keepFiringFor, b.keepFiringFor);
  if (!sameRecord(a.labels, b.labels)) differ('labels', a.labels, b.labels);
  if (!sameRecord(a.annotations, b.annotations)) differ('annotations', a.annotations, b.annotations);
  return out;
}

/** A rule with its group's labels under its own (a rule's own label wins, as in Prometheus 3). */
function effective(group: ImportedGroup, rule: ImportedRule): ImportedRule {
  return group.labels === undefined ? rule : { ...rule, labels: { ...group.labels, ...rule.labels } };
}

/** The n-th (from 0) rule of each kind and name, so that rules sharing a name pair up in order. */
function byOccurrence(rules: readonly ImportedRule[]): Map<string, ImportedRule> {
  const seen = new Map<string, number>();
  const out = new Map<string, ImportedRule>();
  for (const rule of rules) {
    const key = `${rule.kind} ${rule.name}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(`${key} #${n}`, rule);
  }
  return out;
}

export function compareRuleGroups(original: readonly ImportedGroup[], regenerated: readonly ImportedGroup[]): RoundTrip {
  const differences: RoundTripDifference[] = [];
  const byName = new Map(regenerated.map((g) => [g.name, g]));
  const used = new Set<ImportedGroup>();
  const occurrence = new Map<string, number>();
  let rules = 0;
  let equal = 0;
  for (const group of original) {
    const n = (occurrence.get(group.name) ?? 0) + 1;
    occurrence.set(group.name, n);
    const back = byName.get(n === 1 ? group.name : `${group.name}-${n}`);
    rules += group.rules.length;
    if (!back) {
      differences.push({ group: group.name, field: 'missing' });
      continue;
    }
    used.add(back);
    if (!sameDuration(group.interval, back.interval)) differences.push({ group: group.name, field: 'interval', original: show(group.interval), regenerated: show(back.interval) });
    if (group.limit !== back.limit) differences.push({ group: group.name, field: 'limit', original: show(group.limit), regenerated: show(back.limit) });
    if (show(group.sourceTenants) !== show(back.sourceTenants)) differences.push({ group: group.name, field: 'source_tenants', original: show(group.sourceTenants), regenerated: show(back.sourceTenants) });
    const mine = byOccurrence(group.rules);
    const theirs = byOccurrence(back.rules);
    for (const [key, rule] of mine) {
      const other = theirs.get(key);
      if (!other) {
        differences.push({ group: group.name, rule: rule.name, field: 'missing' });
        continue;
      }
      const found = ruleDifferences(group.name, effective(group, rule), effective(back, other));
      differences.push(...found);
      if (found.length === 0) equal++;
    }
    for (const [key, rule] of theirs) if (!mine.has(key)) differences.push({ group: back.name, rule: rule.name, field: 'extra' });
  }
  for (const group of regenerated) if (!used.has(group)) differences.push({ group: group.name, field: 'extra' });
  return { rules, equal, differences };
}
