// The serialisation floor: one Node process that only turns already built output objects into
// YAML/JSON text (same library and options as totem-mon) and writes the files. Nothing to load,
// check or compile: the least any generator must spend on the same output.
//   node bench/floor.mjs <objects.json> <out dir>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document } from 'yaml';

const [objectsFile, out] = process.argv.slice(2);
const files = JSON.parse(readFileSync(objectsFile, 'utf8'));
for (const { path: rel, kind, value } of files) {
  const target = path.join(out, rel);
  mkdirSync(path.dirname(target), { recursive: true });
  const text =
    kind === 'json'
      ? `${JSON.stringify(value, null, 2)}\n`
      : kind === 'yaml'
        ? new Document(value, { sortMapEntries: false }).toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true })
        : value;
  writeFileSync(target, text);
}
