import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/built.js';
import { REPO } from '../helpers/cli.js';
import { compareCodeUnits, compareText } from '../../src/text-order.js';

/**
 * What totem-mon sorts must not follow the machine's locale: ICU takes its default locale from
 * LANG, so `localeCompare` puts "checklist" after "histogram" in Czech and "synth" before "slo"
 * in Lithuanian. Each probe runs the built code in a child process under several locales.
 */
const probe = `
const dist = ${JSON.stringify(path.join(REPO, 'dist'))};
const { sortDiagnostics } = await import(dist + '/diagnostic.js');
const { importLine } = await import(dist + '/import/ts-source.js');
const at = (file, message) => ({ id: 'x/y', severity: 'warning', message, source: { file, line: 1 } });
const order = sortDiagnostics([
  at('definitions/health.ts', 'b'), at('definitions/charts.ts', 'a'), at('definitions/synth.ts', 'c'),
  at('definitions/slo.ts', 'd'), at('definitions/Zebra.ts', 'e'),
]).map((d) => d.source.file);
console.log(JSON.stringify({ order, line: importLine(['histogram', 'checklist', 'synth', 'slo', 'AlertOptions', 'alert']) }));
`;

const run = async (lang: string) =>
  (await execa('node', ['--input-type=module', '-e', probe], { env: { LANG: lang, LC_ALL: lang }, extendEnv: true })).stdout;

describe('sorted output and reports are the same in every locale', () => {
  beforeAll(ensureBuilt, 180_000);

  it('orders diagnostics and import lines alike under English, Czech, Lithuanian and Turkish locales', async () => {
    const english = await run('en_US.UTF-8');
    expect(JSON.parse(english)).toEqual({
      order: ['definitions/charts.ts', 'definitions/health.ts', 'definitions/slo.ts', 'definitions/synth.ts', 'definitions/Zebra.ts'],
      line: "import { alert, AlertOptions, checklist, histogram, slo, synth } from 'totem-mon';",
    });
    for (const lang of ['cs_CZ.UTF-8', 'lt_LT.UTF-8', 'tr_TR.UTF-8', 'C']) expect(await run(lang), lang).toBe(english);
  }, 60_000);

  it('compares case-folded first, then by code unit, and code units alone for keys', () => {
    expect(['b', 'B', 'a', 'ch', 'h'].sort(compareText)).toEqual(['a', 'B', 'b', 'ch', 'h']);
    expect(['b', 'B', 'a', '_x'].sort(compareCodeUnits)).toEqual(['B', '_x', 'a', 'b']);
  });

  it('is the only way src/ sorts text: no localeCompare anywhere else', () => {
    const files = readdirSync(path.join(REPO, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'text-order.ts');
    const users = files.filter((f) => readFileSync(path.join(REPO, 'src', f), 'utf8').includes('.localeCompare('));
    expect(users).toEqual([]);
  });
});
