// The template facts (src/gotemplate/functions.ts) against the installed amtool: on the release it is
// (Debian 12's 0.25), every Alertmanager function, built-in template and `{{ else with }}` the
// dialect of that release refuses, amtool refuses too, and every one the dialect accepts, amtool
// accepts. So a function we call unavailable on 0.25 (toJson, date, trimSpace, …) really is, and
// one we accept really parses and runs.
import { describe, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALERTMANAGER_FUNCTION_FACTS, ALERTMANAGER_TEMPLATE_FACTS, dialectFor } from '../../src/gotemplate/functions.js';
import { parseGoTemplate } from '../../src/gotemplate/parse.js';
import { supportedVersion } from '../../src/model/version-facts.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

/** amtool's stderr for rendering a text (empty when it renders). */
function render(amtool: string, glob: string, text: string): string {
  try {
    execFileSync(amtool, ['template', 'render', `--template.glob=${glob}`, `--template.text=${text}`], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? 'failed');
  }
}

describe("template facts agree with the installed amtool's release", () => {
  itWithBinaries(['amtool'])('functions, built-in templates and {{ else with }}: refused by amtool exactly where the dialect refuses them', () => {
    const amtool = findBinary('amtool')!;
    const installed = /version (\d+\.\d+\.\d+)/.exec(execFileSync(amtool, ['--version'], { encoding: 'utf8', stdio: 'pipe' }) + '')?.[1];
    const release = supportedVersion('alertmanager', installed);
    expect(release, `amtool ${installed}`).toBeDefined();
    const dialect = dialectFor('alertmanager', release!);
    // Debian's package reads the built-in templates from here (upstream's binary embeds them).
    const debian = '/usr/share/prometheus/alertmanager';
    const empty = mkdtempSync(path.join(tmpdir(), 'totem-tmpl-versions-'));
    writeFileSync(path.join(empty, 'none.tmpl'), '');
    const glob = existsSync(path.join(debian, 'default.tmpl')) ? path.join(debian, '*.tmpl') : path.join(empty, '*.tmpl');
    try {
      const disagreements: string[] = [];
      // Functions: parsed, never called (`if false`), so arguments do not matter.
      for (const fn of Object.keys(ALERTMANAGER_FUNCTION_FACTS)) {
        const ours = dialect.functions.has(fn);
        const stderr = render(amtool, glob, `{{ if false }}{{ ${fn} }}{{ end }}`);
        const theirs = !stderr.includes(`function "${fn}" not defined`);
        if (ours !== theirs) disagreements.push(`${fn}: ours ${ours ? 'has' : 'lacks'}, amtool ${theirs ? 'has' : 'lacks'} (${stderr.trim()})`);
      }
      // Built-in templates: executed.
      for (const name of Object.keys(ALERTMANAGER_TEMPLATE_FACTS)) {
        const ours = dialect.templates.has(name);
        const stderr = render(amtool, glob, `{{ template ${JSON.stringify(name)} . }}`);
        const theirs = !stderr.includes(`template ${JSON.stringify(name)} not defined`);
        if (ours !== theirs) disagreements.push(`template ${name}: ours ${ours ? 'has' : 'lacks'}, amtool ${theirs ? 'has' : 'lacks'} (${stderr.trim()})`);
      }
      const elseWith = '{{ with .Status }}{{ . }}{{ else with .Receiver }}{{ . }}{{ end }}';
      const oursElseWith = parseGoTemplate(elseWith, dialect).problems.length === 0;
      const theirsElseWith = render(amtool, glob, elseWith) === '';
      if (oursElseWith !== theirsElseWith) disagreements.push(`else with: ours ${oursElseWith}, amtool ${theirsElseWith}`);
      expect(disagreements).toEqual([]);
      // The case this is for: on 0.25, what later releases added is refused, by both.
      if (release === '0.25') {
        for (const fn of ['toJson', 'date', 'tz', 'since', 'humanizeDuration', 'trimSpace', 'safeUrl', 'urlUnescape']) expect(dialect.functions.has(fn), fn).toBe(false);
        expect(render(amtool, glob, '{{ .Status | toUpper }} {{ join "," (stringSlice "a" "b") }}')).toBe('');
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 120_000);
});
