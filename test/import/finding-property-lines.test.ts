/**
 * Round 28: a finding `import` prints about a property of a definition (a receiver's webhook `url`,
 * a route's `groupWait`, a rule's label) points at that property's line in the file import writes,
 * as generate's findings do for the user's own definitions (src/io/property-locations.ts), not at
 * the definition's first line; whether the files are written or not (--dry-run, errors).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { importFiles } from '../../src/app/import.js';

const ALERTMANAGER = `route:
  receiver: ops
  group_wait: 5x
  routes:
    - receiver: ops
      matchers: ['team="shop"']
      group_interval: 7y7
receivers:
  - name: ops
    webhook_configs:
      - url: https://hooks.example.com/a
        send_resolved: true
      - url: not a url
        max_alerts: -3
`;

const RULES = `groups:
  - name: shop
    rules:
      - alert: ShopDown
        expr: up{job="shop"} == 0
        for: 5m
        labels:
          team: shop
          severity: critical
          "bad-label": x
        annotations:
          summary: Shop down
          description: The shop is down
`;

describe('import: findings at the property they are about', () => {
  it('each finding with a property path is at the line of that property in the file as written', async () => {
    const dir = tempDir('totem-mon-import-lines-');
    writeFileSync(path.join(dir, 'am.yml'), ALERTMANAGER);
    writeFileSync(path.join(dir, 'rules.yml'), RULES);
    for (const dryRun of [true, false]) {
      const into = path.join(dir, `defs-${dryRun}`);
      const result = await importFiles({ inputs: [path.join(dir, 'am.yml'), path.join(dir, 'rules.yml')], into, dryRun });
      const texts = new Map(result.files.map((f) => [`defs-${dryRun}/${f.path}`, f.content.split('\n')]));
      /** The text from the finding's line and column on. */
      const at = (d: (typeof result.diagnostics)[number]) => (texts.get(d.source!.file)?.[d.source!.line - 1] ?? '').slice(d.source!.column - 1);
      const find = (id: string, last: string) => result.diagnostics.find((d) => d.id === id && d.path?.at(-1) === last);
      // The second webhook's url and max_alerts, the route's group_wait, the child route's group_interval, the label.
      const expected: Array<[string, string]> = [
        ['url', "url: 'not a url'"],
        ['maxAlerts', 'maxAlerts: -3'],
        ['groupWait', "groupWait: '5x'"],
        ['groupInterval', "groupInterval: '7y7'"],
        ['bad-label', "'bad-label': 'x'"],
      ];
      for (const [last, text] of expected) {
        const d = find('schema', last);
        expect(d, `${last}: ${result.diagnostics.map((x) => `${x.id} ${x.path?.join('.')}`).join('\n')}`).toBeDefined();
        expect(at(d!).startsWith(text), `${last} at ${d!.source?.file}:${d!.source?.line}:${d!.source?.column}: ${at(d!)}`).toBe(true);
      }
      // Every finding names a line of a file import lays out.
      for (const d of result.diagnostics.filter((x) => x.source)) expect(texts.has(d.source!.file), d.source!.file).toBe(true);
    }
  });
});
