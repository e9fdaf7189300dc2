/** output/outside says where the refused path came from: the definitions, or the manifest. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { writeOutput } from '../../src/io/write.js';

describe('output/outside hint', () => {
  it('a generated path that climbs out names the definitions, not a hand-edited manifest', () => {
    const root = tempDir();
    const out = path.join(root, 'out');
    const result = writeOutput(out, [{ path: 'grafana/dashboards/../../../evil/x.json', content: '{}\n' }]);
    const outside = result.conflicts.find((c) => c.id === 'output/outside');
    expect(outside?.hint).toMatch(/made from names in the definitions/);
    expect(outside?.hint).not.toMatch(/manifest|--repair/);
    expect(existsSync(path.join(root, 'evil'))).toBe(false);
  });

  it('a manifest path that climbs out keeps the manifest hint', () => {
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, '.totem-mon-manifest.json'), JSON.stringify({ generator: 'totem-mon', files: { '../x.yml': 'a'.repeat(64) } }));
    const result = writeOutput(out, [{ path: 'a.yml', content: 'a\n' }]);
    const outside = result.conflicts.find((c) => c.id === 'output/outside');
    expect(outside?.hint).toMatch(/manifest/);
  });
});
