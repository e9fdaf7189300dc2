import type { Check, Finding } from './check.js';
import { locatedAt } from '../model/located.js';
import { dashboardOutputPath } from '../model/dashboard.js';

// File names every checkout of out/ must be able to hold, on Linux, macOS and Windows alike.
// Windows reserves these device names, with any extension (`con.yml`, `aux.more.json`):
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// … and refuses these characters (and a name ending in a dot or a space).
const WINDOWS_REFUSES = /[<>:"|?*\\\u0000-\u001f]/;

/** The name's problem on some platform, or undefined. */
function unportable(fileName: string): string | undefined {
  const stem = fileName.split('.')[0]!;
  if (RESERVED.test(stem)) return `"${stem.toLowerCase()}" is a device name Windows reserves, so the file cannot be created or checked out there`;
  const bad = WINDOWS_REFUSES.exec(fileName);
  if (bad) return `Windows refuses the character ${JSON.stringify(bad[0])} in file names`;
  if (/[. ]$/.test(fileName)) return 'Windows drops a final dot or space from file names, so it would be another file there';
  return undefined;
}

interface Named {
  /** "rule group", "dashboard", "template": for messages. */
  what: string;
  /** The name users know it by. */
  name: string;
  /** The output files it becomes, relative to out/ (as src/compile/ names them). */
  files: string[];
  where: Pick<Finding, 'path' | 'source'>;
}

const RESERVED_HINT = 'rename it: CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9 (with any extension) are not file names on Windows';

export const outputPortableName: Check = {
  id: 'output/portable-name',
  severity: 'error',
  description: 'Output file names are valid on every platform: no Windows device names, no names that differ from another only in case.',
  run({ model }, report) {
    const named: Named[] = [
      ...model.ruleGroups.map((g) => ({
        what: 'rule group',
        name: `"${g.name}"`,
        files: [`prometheus/rules/${g.fileName}.yml`, `prometheus/tests/${g.fileName}.test.yml`],
        where: locatedAt(g),
      })),
      ...model.dashboards.map((d) => ({ what: 'dashboard', name: d.title, files: [dashboardOutputPath(model, d)], where: locatedAt(d, 'uid') })),
      ...(model.alertmanager?.templates ?? []).map((t) => ({
        what: 'template',
        name: t.name,
        files: [`alertmanager/templates/${t.name}`],
        where: { path: ['templates', t.name], source: { file: t.source, line: 1, column: 1 } },
      })),
    ];
    const byFolded = new Map<string, { item: Named; file: string }>();
    for (const item of named) {
      const file = item.files[0]!;
      const problem = unportable(file.slice(file.lastIndexOf('/') + 1));
      if (problem) {
        const hint = RESERVED.test(file.slice(file.lastIndexOf('/') + 1).split('.')[0]!) ? RESERVED_HINT : 'rename it with letters, digits, "-", "_" and "."';
        report({ message: `${item.what} ${item.name} would be written to ${item.files.join(' and ')}; ${problem}`, hint, ...item.where });
      }
      for (const f of item.files) {
        const other = byFolded.get(f.toLowerCase());
        if (other && other.file !== f) {
          report({
            message:
              `${item.what}s ${other.item.name} and ${item.name} would be written to ${other.file} and ${f}, ` +
              'which differ only in case: one file on macOS and Windows',
            hint: item.what === 'dashboard' ? 'give one of them a uid that differs in more than case' : 'rename one of them so the names differ in more than case',
            ...item.where,
          });
          break;
        }
        if (!other) byFolded.set(f.toLowerCase(), { item, file: f });
      }
    }
  },
};
