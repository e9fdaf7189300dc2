/**
 * Round 28: what an imported alertmanager.yml says of the release it runs on, and what import says
 * of the target it reads the file for.
 *
 * - A field written as a template that Alertmanager renders only from a later release than the
 *   default target (a Webex `room_id`: 0.28.0 "[ENHANCEMENT] The setting `room_id` in the WebEx
 *   integration can now be templated" #3801, notify/webex/webex.go of v0.28.0 `RoomID:
 *   tmpl(n.conf.RoomID)`, v0.27.0 `RoomID: n.conf.RoomID`; a webhook `url`: 0.31.0 #4798) was
 *   imported for 0.25 with an ignore of the check that says 0.25 sends it as written: validate then
 *   said ok of a configuration that, on the release the definitions target, posts to a room called
 *   `{{ … }}`. Without a config target, the file is evidence of the release production runs: the
 *   definitions target it (`>=0.28`), with a note saying why. A target a config set is the user's
 *   word: the checks say the field is sent as written there.
 * - `group_by: []` was said to be "read by Alertmanager 0.25 (the target)" when no config set any
 *   target: the note now says it is the default target, or the one the file needs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { importFiles } from '../../src/app/import.js';

const WEBEX = (roomId: string, extra = '') => `route:
  receiver: webex
  group_by: [alertname]
  routes:
    - receiver: webex
      matchers: ['team="shop"']
      group_by: []
receivers:
  - name: webex
    webex_configs:
      - room_id: '${roomId}'
        http_config:
          authorization:
            credentials_file: /etc/am/webex-token
${extra}`;

const HOOK = `  - name: hook
    webhook_configs:
      - url: 'https://hooks.example.com/{{ .CommonLabels.team }}'
`;

async function imported(yaml: string, alertmanagerTarget?: string) {
  const dir = tempDir('totem-mon-am-target-');
  writeFileSync(path.join(dir, 'am.yml'), yaml);
  const result = await importFiles({ inputs: [path.join(dir, 'am.yml')], into: path.join(dir, 'definitions'), dryRun: true, ...(alertmanagerTarget ? { alertmanagerTarget } : {}) });
  const index = result.files.find((f) => f.path === 'index.ts')?.content ?? '';
  const reasons = result.items.map((i) => `${i.status} ${i.reason ?? ''}`);
  return { result, index, reasons };
}

describe('import: the release an Alertmanager configuration is read for', () => {
  it('a templated Webex room_id without a config target: the definitions target 0.28, said in a note, no ignore of the check', async () => {
    const { result, index, reasons } = await imported(WEBEX('{{ .CommonLabels.room }}'));
    expect(index).toContain("versions: { alertmanager: '>=0.28' }");
    expect(reasons.join('\n')).toMatch(/the definitions target Alertmanager >=0\.28 .*room_id .*came in Alertmanager 0\.28/);
    expect(reasons.join('\n')).not.toContain('written with an ignore');
    expect(result.files.map((f) => f.content).join('\n')).not.toContain('alertmanager/template-syntax');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('each field rendered from a later release counts (a webhook url from 0.31); the latest decides', async () => {
    const { index, reasons } = await imported(WEBEX('{{ .CommonLabels.room }}', HOOK));
    expect(index).toContain("versions: { alertmanager: '>=0.31' }");
    expect(reasons.join('\n')).toMatch(/the definitions target Alertmanager >=0\.31 .*a template in url at receivers\[hook\]\.webhook_configs\[0\]\.url.* needs url of a webhook notifier rendered as a template, which came in Alertmanager 0\.31/);
  });

  it('a literal room_id needs nothing: the default target, and the group_by note says it is the default', async () => {
    const { index, reasons } = await imported(WEBEX('Y2lzY29zcGFyazovL3Vz'));
    expect(index).not.toContain('versions:');
    expect(reasons.join('\n')).toContain('(the definitions\': Alertmanager 0.25 (the default target: no totem-mon.config.ts sets versions.alertmanager))');
    expect(reasons.join('\n')).not.toContain('(the target)');
  });

  it('a target a config set is the user\'s word: not raised; the checks say the room_id is sent as written there', async () => {
    const { index, reasons } = await imported(WEBEX('{{ .CommonLabels.room }}'), '0.27');
    expect(index).not.toContain("'>=0.28'");
    expect(reasons.join('\n')).toMatch(/breaks alertmanager\/template-syntax \(receiver webex: webex\[0\]\.roomId is not a template on Alertmanager 0\.27/);
    expect(reasons.join('\n')).toContain('Alertmanager 0.27 (the target)');
  });
});
