/**
 * Routing tests from the input's own routing tree: for every route, a label set built from its
 * matchers and its parents' (a value each label's matchers all accept), and the receivers
 * Alertmanager sends that alert to, in its order (one per route that takes it, as
 * `amtool config routes test` prints them). `validate` runs them with amtool; the import's round
 * trip runs them on the original configuration too, so a derivation error cannot pass unseen.
 */
import type { AlertMatcherModel, RouteModel } from '../../model/alertmanager.js';
import { matcherMatches, matchRoutes } from '../../model/routing.js';
import { formatMatchers } from '../../model/routing.js';
import type { ImportNote } from '../note.js';
import { regexSamples } from './regex-sample.js';
import type { RoutingRoute } from './routes.js';

export interface DerivedRoutingTest {
  name: string;
  labels: Record<string, string>;
  receivers: string[];
}

/** Values tried when the matchers name none (a label that must differ from something, or be absent). */
const FALLBACKS = ['', 'x', 'other', 'imported'];

/** A value every matcher on the label accepts (`''`: the label is absent), or undefined. */
export function valueFor(label: string, matchers: readonly AlertMatcherModel[]): string | undefined {
  const named = matchers.flatMap((m) => (m.op === '=' ? [m.value] : m.op === '=~' ? regexSamples(m.value) : []));
  const positive = matchers.some((m) => m.op === '=' || m.op === '=~');
  const candidates = positive ? [...named, ...FALLBACKS] : FALLBACKS;
  return candidates.find((v) => matchers.every((m) => matcherMatches(m, { [label]: v })));
}

/** amtool reads its label arguments as matchers joined by commas: these values would not survive. */
const UNSAFE_VALUE = /[,"{}\\]|^\s|\s$/;

function asModel(route: RoutingRoute): RouteModel {
  return { ...route, routes: route.routes.map(asModel) } as unknown as RouteModel;
}

/** A label set every matcher accepts: the first label no value was found for, or the labels. */
function solve(matchers: readonly AlertMatcherModel[]): { labels: Record<string, string> } | { unsolved: string; matchers: AlertMatcherModel[] } {
  const byLabel = new Map<string, AlertMatcherModel[]>();
  for (const m of matchers) byLabel.set(m.label, [...(byLabel.get(m.label) ?? []), m]);
  const labels: Record<string, string> = {};
  for (const [label, ms] of byLabel) {
    const value = valueFor(label, ms);
    if (value === undefined || UNSAFE_VALUE.test(value)) return { unsolved: label, matchers: ms };
    if (value !== '') labels[label] = value;
  }
  return { labels };
}

export function deriveRoutingTests(root: RoutingRoute, notes: ImportNote[]): DerivedRoutingTest[] {
  const model = asModel(root);
  const tests: DerivedRoutingTest[] = [];
  const seen = new Set<string>();
  const visit = (route: RoutingRoute, path: string, position: number[], chain: readonly AlertMatcherModel[]) => {
    // The root takes every alert, whatever its matchers say: its test is the alert without labels.
    const own = position.length > 0 ? route.matchers : [];
    const matchers = [...chain, ...own];
    const solved = solve(matchers);
    if ('unsolved' in solved) {
      notes.push({
        status: 'not-converted',
        path,
        message: `no routing test for this route: no value of "${solved.unsolved}" found that ${formatMatchers(solved.matchers)} accept(s) and amtool takes`,
      });
    } else {
      const key = JSON.stringify(Object.entries(solved.labels).sort());
      if (!seen.has(key)) {
        seen.add(key);
        const matches = matchRoutes(model, solved.labels);
        if (!matches.some((m) => position.every((p, i) => m.position[i] === p))) {
          notes.push({
            status: 'guessed',
            path,
            message: "the labels derived from this route's matchers are taken by an earlier route (is this route shadowed?); the routing test pins where they go",
          });
        }
        tests.push({ name: `${path}: ${formatMatchers(own) || 'no matchers'}`, labels: solved.labels, receivers: matches.map((m) => m.receiver) });
      }
    }
    route.routes.forEach((child, i) => visit(child, `${path}.routes[${i}]`, [...position, i], matchers));
  };
  visit(root, 'route', [], []);
  return tests;
}
