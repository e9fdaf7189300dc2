import { existsSync } from 'node:fs';
import path from 'node:path';

// `import … from './metrics.js'` is how TypeScript (NodeNext) wants relative imports written, but
// the file on disk is metrics.ts. jiti finds it only after ~100 failed lookups (4 ms per import,
// seconds for a large repo), so the specifier is pointed at the .ts file before jiti sees it.
const RELATIVE_JS = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+?)\.(m|c)?js\2/g;

export function preferTsSpecifiers(source: string, filename: string | undefined): string {
  if (!filename || !source.includes('.js')) return source;
  const dir = path.dirname(filename);
  return source.replace(RELATIVE_JS, (whole, lead: string, quote: string, stem: string, flavour: string | undefined) => {
    const ts = `${stem}.${flavour ?? ''}ts`;
    const full = path.resolve(dir, ts);
    if (!existsSync(full) || existsSync(path.resolve(dir, `${stem}.${flavour ?? ''}js`))) return whole;
    return `${lead}${quote}${ts}${quote}`;
  });
}
