/**
 * The loader process marks the end of a load's output before its reply, so totem-mon takes the
 * project as soon as it arrives, without waiting for the process to end; what an exit handler of
 * the definitions writes to standard error afterwards is still passed on, and a process that then
 * never ends is still killed at the time limit.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { runCliProcess } from '../helpers/process.js';

/** The `good` fixture (and the base.ts it imports) in a temp folder, `prefix` put before its index. */
function definitions(prefix: string): string {
  const root = tempDir();
  cpSync(path.join(FIXTURES, 'loader/base.ts'), path.join(root, 'base.ts'));
  cpSync(path.join(FIXTURES, 'loader/good'), path.join(root, 'good'), { recursive: true });
  const index = path.join(root, 'good/index.ts');
  writeFileSync(index, prefix + readFileSync(index, 'utf8'));
  return path.join(root, 'good');
}

describe('after the hand-over', () => {
  it('what an exit handler writes to standard error is passed on', async () => {
    const dir = definitions(`process.on('exit', () => console.error('bye from an exit handler'));\n`);
    const result = await runCliProcess(['validate', '--offline', '--definitions', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('bye from an exit handler');
  });

  it('an exit handler that never returns does not hold up the project; the process is killed at the limit', async () => {
    const dir = definitions(`process.on('exit', () => {\n  for (;;);\n});\n`);
    const result = await runCliProcess(['validate', '--offline', '--format', 'json', '--definitions', dir, '--load-timeout', '3']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { ok: boolean }).ok).toBe(true);
  });
});
