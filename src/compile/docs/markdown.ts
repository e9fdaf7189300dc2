/** Markdown pieces for the generated docs: every text from the definitions goes through these. */

/** Text in a table cell or a line: pipes and line breaks would break the table. */
export function inline(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/([*_`<>[\]])/g, '\\$1');
}

/** A code span that holds any text (backticks inside get a longer fence). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** A fenced block (the fence outgrows any run of backticks inside). */
export function block(language: string, text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.trimEnd()}\n${fence}`;
}

/** A link; the target's spaces and parentheses are encoded so any renderer keeps it whole. */
export function link(text: string, target: string): string {
  return `[${inline(text)}](${target.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/** An explicit anchor (renderers differ in how they slug headings; this id is the same everywhere). */
export function anchor(id: string): string {
  return `<a id="${id}"></a>`;
}

/**
 * The anchor id of a metric's section in metrics.md: `metric-` and the name, where each capital is
 * written `-` and its lowercase letter and each `:` as `--`. Metric names never hold `-`, so two
 * names never share an id (`http_Requests_total` is `metric-http_-requests_total`,
 * `http_requests_total` is `metric-http_requests_total`), and no id depends on case or on a
 * character a renderer drops or folds. The prefix keeps every id apart from the ids renderers give
 * headings themselves (GitHub lowercases a heading and adds `-1`, `-2` to repeats: the heading
 * `http_Requests_total` gets `http_requests_total`, which an id without the prefix would share, and
 * a link to it would land on whichever comes first). No heading of the docs slugs to `metric-` and
 * a letter, `_` or `-`: the metric headings hold no `-` and the others are fixed words.
 */
export function metricAnchorId(name: string): string {
  return `metric-${name.replace(/[A-Z:]/g, (c) => (c === ':' ? '--' : `-${c.toLowerCase()}`))}`;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The page: sections separated by one blank line, one final newline. */
export function page(sections: readonly (string | undefined)[]): string {
  return `${sections.filter((s): s is string => s !== undefined && s !== '').join('\n\n')}\n`;
}
