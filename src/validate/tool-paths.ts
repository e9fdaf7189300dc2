/**
 * The tools run in validate's temporary tree (src/validate/run-tools.ts), so their texts can name
 * its paths: the tree itself (`/tmp/totem-mon-validate-x/prometheus/rules/a.yml`), the rule groups
 * extracted from other profiles' files (`extracted-rules/kubernetes/rules.yaml.yml`), the
 * placeholders standing for credential files (`prometheus/.promtool-placeholders/1`), or the tools'
 * own scratch files in $TMPDIR. None means anything to the user, and none is left in a finding:
 * each becomes the generated file's path (as out/ holds it), the path prometheus.yml gives, or
 * "a temporary file".
 */
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { OutputFile } from '../compile/output.js';
import { EXTRACTED_RULES_DIR } from './extracted-rules.js';
import { placeholderOriginals } from './promtool-config.js';
import { MEMORY_TMP } from './scratch.js';

/** What replaces a path in a temporary folder that is no file of out/ (a tool's scratch file). */
export const TEMPORARY_FILE = '<temporary file>';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a path ends in a tool's text: at a space, a quote, a colon before a space or a line number, a comma, a bracket. */
const PATH_END = `[^\\s"'\`,;()\\[\\]]*?(?=$|[\\s"'\`,;()\\[\\]]|:(?:\\s|\\d|$))`;

/** The folders a temporary path of the tools is under: the tree's parent, $TMPDIR, the system's, the memory folder. */
function temporaryRoots(dir: string): string[] {
  const roots = [path.dirname(dir), process.env['TMPDIR'], os.tmpdir(), MEMORY_TMP].filter((r): r is string => Boolean(r));
  const withReal = roots.flatMap((r) => {
    try {
      return [r, realpathSync(r)];
    } catch {
      return [r];
    }
  });
  return [...new Set(withReal.map((r) => r.replace(/[/\\]+$/, '')))].filter((r) => r.length > 1).sort((a, b) => b.length - a.length);
}

/** The tree's own folder as the tools may print it (as made, and with links resolved: macOS's /var is /private/var). */
function treeNames(dir: string): string[] {
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // Removed already: the name it was made with is the one the tools were given.
  }
  return [...new Set([real, dir])].sort((a, b) => b.length - a.length);
}

/**
 * A function that rewrites a tool's text: `dir`, the temporary tree; `files`, what was written
 * there (for the extracted rule files and the placeholders).
 */
export function userPaths(dir: string, files: readonly OutputFile[]): (text: string) => string {
  const extracted = files
    .map((f) => f.path)
    .filter((p) => p.startsWith(`${EXTRACTED_RULES_DIR}/`) && p.endsWith('.yml'))
    .sort((a, b) => b.length - a.length);
  const placeholders = [...placeholderOriginals(files)].sort(([a], [b]) => b.length - a.length);
  const trees = treeNames(dir);
  const roots = temporaryRoots(dir);
  return (text) => {
    let out = text;
    // The tree: its files are out/'s, by the same relative path; the folder alone is out/.
    for (const tree of trees) {
      out = out.split(`${tree}${path.sep}`).join('').split(`${tree}/`).join('');
      out = out.split(tree).join('the output folder');
    }
    // A rule file extracted from another file is that file (its lines are the extracted file's, so none is kept).
    for (const file of extracted) {
      const source = file.slice(EXTRACTED_RULES_DIR.length + 1, -'.yml'.length);
      out = out.replace(new RegExp(`${escape(file)}(?::\\d+(?::\\d+)?)?`, 'g'), source);
    }
    out = out.replace(new RegExp(`${escape(EXTRACTED_RULES_DIR)}/([^\\s"'\`,;()\\[\\]]+?)\\.yml(?::\\d+(?::\\d+)?)?(?=$|[\\s"'\`,;()\\[\\]:])`, 'gm'), '$1');
    // A placeholder is the path prometheus.yml gives, which may itself be in /tmp: kept apart until the end.
    placeholders.forEach(([placeholder], i) => (out = out.split(placeholder).join(`\u0000${i}\u0000`)));
    // Anything else in a temporary folder is a tool's scratch file.
    for (const root of roots) out = out.replace(new RegExp(`${escape(root)}[/\\\\]${PATH_END}`, 'gm'), TEMPORARY_FILE);
    return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => placeholders[Number(i)]![1]);
  };
}

/** The findings with every temporary path in their texts and files rewritten (userPaths). */
export function withUserPaths(diagnostics: readonly Diagnostic[], rewrite: (text: string) => string): Diagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    message: rewrite(d.message),
    ...(d.hint !== undefined ? { hint: rewrite(d.hint) } : {}),
    ...(d.file !== undefined ? { file: rewrite(d.file) } : {}),
  }));
}
