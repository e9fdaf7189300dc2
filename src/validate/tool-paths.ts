/**
 * The tools run in validate's temporary tree (src/validate/run-tools.ts), so their texts can name
 * its paths: the tree itself (`/tmp/totem-mon-validate-x/prometheus/rules/a.yml`), the rule groups
 * extracted from other profiles' files (`extracted-rules/kubernetes/rules.yaml.yml`), the
 * placeholders standing for credential files (`prometheus/.promtool-placeholders/1`), or the tools'
 * own scratch files, in the folder validate made for them (their TMPDIR). None means anything to
 * the user, and none is left in a finding: each becomes the generated file's path (as out/ holds
 * it), the path prometheus.yml gives, or "a temporary file". Nothing else is rewritten: a path of
 * the user's in /tmp is the user's.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { OutputFile } from '../compile/output.js';
import { EXTRACTED_RULES_DIR } from './extracted-rules.js';
import { placeholderOriginals } from './promtool-config.js';

/** What replaces a path in a temporary folder that is no file of out/ (a tool's scratch file). */
export const TEMPORARY_FILE = '<temporary file>';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a path ends in a tool's text: at a space, a quote, a colon before a space or a line number, a comma, a bracket. */
const PATH_END = `[^\\s"'\`,;()\\[\\]]*?(?=$|[\\s"'\`,;()\\[\\]]|:(?:\\s|\\d|$))`;

/** A folder of this run's own as the tools may print it (as made, and with links resolved: macOS's /var is /private/var). */
function folderNames(dir: string): string[] {
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
 * there (for the extracted rule files and the placeholders); `scratch`, the folders this run made
 * for the tools' scratch files (their TMPDIR). Only these folders' paths are temporary: any other
 * path, in /tmp or not, is the user's (a rule file or a template kept there, an out/ folder there)
 * and stays as the tool printed it.
 */
export function userPaths(dir: string, files: readonly OutputFile[], scratch: readonly string[] = []): (text: string) => string {
  const extracted = files
    .map((f) => f.path)
    .filter((p) => p.startsWith(`${EXTRACTED_RULES_DIR}/`) && p.endsWith('.yml'))
    .sort((a, b) => b.length - a.length);
  const placeholders = [...placeholderOriginals(files)].sort(([a], [b]) => b.length - a.length);
  const trees = folderNames(dir);
  const scratchNames = scratch.flatMap(folderNames).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    // The tools' scratch folders (their TMPDIR): whatever is there is a scratch file of theirs. First,
    // as the tree may be in the same parent folder.
    for (const folder of scratchNames) out = out.replace(new RegExp(`${escape(folder)}(?:[/\\\\]${PATH_END})?(?=$|[\\s"'\`,;()\\[\\]:])`, 'gm'), TEMPORARY_FILE);
    // The tree: its files are out/'s, by the same relative path; the folder alone is out/.
    for (const tree of trees) {
      out = out.split(`${tree}${path.sep}`).join('').split(`${tree}/`).join('');
      out = out.replace(new RegExp(`${escape(tree)}(?=$|[\\s"'\`,;()\\[\\]:])`, 'gm'), 'the output folder');
    }
    // A rule file extracted from another file is that file (its lines are the extracted file's, so none is kept).
    for (const file of extracted) {
      const source = file.slice(EXTRACTED_RULES_DIR.length + 1, -'.yml'.length);
      out = out.replace(new RegExp(`${escape(file)}(?::\\d+(?::\\d+)?)?`, 'g'), source);
    }
    out = out.replace(new RegExp(`${escape(EXTRACTED_RULES_DIR)}/([^\\s"'\`,;()\\[\\]]+?)\\.yml(?::\\d+(?::\\d+)?)?(?=$|[\\s"'\`,;()\\[\\]:])`, 'gm'), '$1');
    // A placeholder is the path prometheus.yml gives.
    placeholders.forEach(([placeholder], i) => (out = out.split(placeholder).join(`\u0000${i}\u0000`)));
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
