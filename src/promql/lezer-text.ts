/**
 * The text lezer-promql reads. Its grammar (0.315) is Prometheus 3's: it knows
 * `double_exponential_smoothing` but not `holt_winters`, that function's name until Prometheus 3.0
 * (which the output may target: version/unsupported says which name a version has). Such a name is
 * replaced, for the parser only, by a function name of the same length that the grammar knows (it
 * does not check arguments), so every node keeps its place; the analysis reads names from the
 * expression as written, so the checks see `holt_winters`.
 */
const RENAMED: ReadonlyArray<{ name: string; pattern: RegExp; standIn: string }> = [
  { name: 'holt_winters', pattern: /(?<![A-Za-z0-9_:])holt_winters(?=\s*\()/g, standIn: 'day_of_month' },
];

export function lezerText(text: string): string {
  let out = text;
  for (const { name, pattern, standIn } of RENAMED) if (out.includes(name)) out = out.replace(pattern, standIn);
  return out;
}
