/**
 * With a config file, one loader process loads totem-mon.config.ts and then the definitions (when
 * they are where the config will be found to say, i.e. the early guess holds). Each load is still
 * reported on its own: what each printed to stdout is a warning naming it, what each printed to
 * stderr is passed on once, and an error in the definitions is still located in them.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { runCliProcess } from '../helpers/process.js';

/** A repository with a config and definitions/ beside it, each printing to stdout and stderr. */
function repository(definitionsTail = ''): string {
  const root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(FIXTURES, 'config/web/definitions'), path.join(root, 'definitions'), { recursive: true });
  const index = path.join(root, 'definitions/index.ts');
  writeFileSync(index, `console.log('definitions say hi');\nprocess.stdout.write('no newline');\nconsole.error('definitions warn');\n${definitionsTail}` + readFileSync(index, 'utf8'));
  writeFileSync(
    path.join(root, 'totem-mon.config.ts'),
    `import { defineConfig } from 'totem-mon';\nconsole.log('config says hi');\nconsole.error('config warns');\nexport default defineConfig({ definitions: 'definitions' });\n`,
  );
  return root;
}

interface Report {
  diagnostics: Array<{ id: string; severity: string; message: string; location: { file: string; line: number } }>;
}

describe('the config and the definitions in one loader process', () => {
  it("each load's output is its own: stdout warnings name their file and lines, stderr passed on once each", async () => {
    const root = repository();
    const result = await runCliProcess(['validate', '--offline', '--format', 'json'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const loads = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.id === 'load').map((d) => d.message);
    expect([...loads].sort()).toEqual([
      expect.stringMatching(/^the definitions wrote 2 line\(s\) to standard output while loading, which totem-mon keeps for its report: "definitions say hi", "no newline"$/),
      expect.stringMatching(/^totem-mon\.config\.ts wrote 1 line\(s\) to standard output while loading, which totem-mon keeps for its report: "config says hi"$/),
    ]);
    expect(result.stderr.match(/config warns/g)).toEqual(['config warns']);
    expect(result.stderr.match(/definitions warn\b/g)).toEqual(['definitions warn']);
    expect(result.stderr).not.toContain('\u0000');
  });

  it('an error thrown by the definitions after the config loaded is located in them', async () => {
    const root = repository(`if (Date.now() > 0) throw new Error('no project today');\n`);
    const result = await runCliProcess(['validate', '--offline', '--format', 'json'], { cwd: root });
    expect(result.code, result.stderr).toBe(1);
    const errors = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.location.file}:${d.location.line} ${d.message}`)).toEqual(['definitions/index.ts:4 the definitions could not be loaded: no project today']);
  });
});
