/** Panel queries hold Grafana variables and macros: what the PromQL analysis reads instead. */

// Grafana macros are not PromQL; they are replaced by a plausible value of the same kind (variables
// keep their length; `$__rate_interval` becomes `5m`). `toExpr` maps offsets in the analysed text
// back to the query as the user wrote it, so excerpts show the user's text.
// `[[name]]` and `[[name:format]]` are Grafana's older form of `$name` (a name's first character
// is a letter or `_`: `[[:alpha:]]` in a regex is no variable).
const GRAFANA = /(\$__(?:rate_interval|interval|range)\b|\$\{__(?:rate_interval|interval|range)\}|\[\[__(?:rate_interval|interval|range)\]\])|\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}?|\[\[([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\]\]/g;

/** Whether a query may hold a Grafana variable or macro (`$name`, `${name}`, `[[name]]`). */
export function mayHoldGrafanaVariables(expr: string): boolean {
  return expr.includes('$') || expr.includes('[[');
}

/** The text before a duration: a range's `[`, a subquery's `:`, or `offset`. */
const DURATION_BEFORE = /(?:\[|\[[^\]]*:|\boffset)\s*$/;

export function substituteGrafanaVariables(expr: string): string {
  return substituteWithSpans(expr).text;
}

interface Edit {
  /** Where the replacement stands in the substituted text, and its length there. */
  at: number;
  length: number;
  /** Where the original stands in the user's text, and its length there. */
  from: number;
  originalLength: number;
}

/** Offsets in the substituted text → offsets in the user's text. */
function offsetMapper(edits: readonly Edit[]): (offset: number) => number {
  return (offset) => {
    let delta = 0;
    for (const e of edits) {
      if (offset < e.at) break;
      // Inside a replacement: its start maps to the original's start, anything later to its end.
      if (offset < e.at + e.length) return offset === e.at ? e.from : e.from + e.originalLength;
      delta = e.from + e.originalLength - (e.at + e.length);
    }
    return offset + delta;
  };
}

/** The substituted text, where in it each substituted variable now stands, and the way back to the user's text. */
export function substituteWithSpans(expr: string): {
  text: string;
  variables: Array<{ from: number; to: number }>;
  toExpr: (offset: number) => number;
} {
  const variables: Array<{ from: number; to: number }> = [];
  const edits: Edit[] = [];
  let shift = 0;
  const text = expr.replace(GRAFANA, (m: string, macro: string | undefined, _name: string | undefined, _bracketed: string | undefined, offset: number) => {
    // A variable where PromQL wants a duration (`[$window]`, `[5m:$step]`, `offset $shift`) is one.
    const duration = macro !== undefined || DURATION_BEFORE.test(expr.slice(0, offset));
    const replacement = duration ? '5m' : m.replace(/[^A-Za-z0-9_]/g, '_');
    const at = offset + shift;
    if (!duration) variables.push({ from: at, to: at + replacement.length });
    edits.push({ at, length: replacement.length, from: offset, originalLength: m.length });
    shift += replacement.length - m.length;
    return replacement;
  });
  return { text, variables, toExpr: offsetMapper(edits) };
}
