/**
 * The analysis of any expression Prometheus accepts ends with a result: an expression lezer could
 * only parse in parts (parts.ts) is analysed part by part, and a stack overflow in the analysis
 * (a tree deeper than the recursive walk follows) becomes a located limit, reported by
 * `promql/syntax` as a warning, instead of crashing generate.
 */
import type { Analysis, SeriesLookup } from './analyze.js';
import { parsedInParts, type ParsedExpr } from './parse.js';
import { UNKNOWN_VECTOR as UNKNOWN } from './shared.js';

type TreeAnalyzer = (text: string, lookup: SeriesLookup, parsed: ParsedExpr) => Analysis;

/** Lists concatenated (each part's findings at their own positions); what depends on the whole, unknown. */
function merge(parsed: ParsedExpr, analyses: Analysis[], empty: Analysis): Analysis {
  const merged: Record<string, unknown> = { ...empty };
  for (const [key, value] of Object.entries(empty)) {
    if (Array.isArray(value)) merged[key] = analyses.flatMap((a) => (a as unknown as Record<string, unknown[]>)[key] ?? []);
  }
  // The result's labels and whether the whole filters are not known: checks on them stay quiet.
  return { ...(merged as unknown as Analysis), parsed, filters: true, result: UNKNOWN };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function analyzeParts(text: string, lookup: SeriesLookup, parsed: ParsedExpr, analyzeTree: TreeAnalyzer): Analysis {
  const empty = analyzeTree('', lookup, { text: '', tree: parsed.tree, root: undefined, errors: [] });
  const analyses = (parsed.parts ?? []).map((part) =>
    analyzeTree(text, lookup, { text, tree: part.tree, root: part.tree.topNode.firstChild ?? undefined, errors: [] }),
  );
  return merge({ ...parsed, root: undefined }, analyses, empty);
}

export function analyzeGuarded(text: string, lookup: SeriesLookup, parsed: ParsedExpr, analyzeTree: TreeAnalyzer): Analysis {
  try {
    return parsed.parts ? analyzeParts(text, lookup, parsed, analyzeTree) : analyzeTree(text, lookup, parsed);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
  }
  // A tree lezer built but deeper than the walk follows: the same expression in parts.
  try {
    if (!parsed.parts) return analyzeParts(text, lookup, { ...parsedInParts(text), errors: parsed.errors }, analyzeTree);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
  }
  const limit = {
    from: 0,
    to: text.length,
    message: 'the expression is nested deeper than the offline analysis follows; its catalogue checks were skipped (promtool still checks it)',
  };
  const empty = analyzeTree('', lookup, { text: '', tree: parsed.tree, root: undefined, errors: [] });
  // Its tree named: a stored parse (stored-tree.ts) reads it through a getter, which a spread would not copy.
  return { ...empty, parsed: { ...parsed, tree: parsed.tree, root: undefined, limits: [...(parsed.limits ?? []), limit] }, filters: true, result: UNKNOWN };
}
