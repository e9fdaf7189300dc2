/**
 * Round trips of an alertmanager.yml through `import` and `generate`, compared by meaning:
 *
 * - `group_by: []`: Alertmanager before 0.31 reads it as no group_by (the route takes its parent's
 *   grouping), 0.31 and later as grouping by nothing (FACTS.emptyGroupBy; src/model/routing.ts
 *   effectiveGroupBy reads the definitions' `groupBy: []` the same way per target). The import keeps
 *   what the file means for the target the project will be judged for (totem-mon.config.ts's
 *   `versions.alertmanager`, else the default 0.25): every route groups as it did.
 * - The receiver kinds webex, telegram, discord and msteams, as src/api/alertmanager.ts writes them,
 *   each secret as a file (`*_file` kept, a literal one as a placeholder file to fill), and the
 *   release they need as the project's target.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';
import { runStages } from '../helpers/imported.js';
import { importFiles } from '../../src/app/import.js';
import { emptyGroupByOverrides } from '../../src/model/routing.js';

interface YamlRoute {
  receiver?: string;
  group_by?: string[];
  matchers?: string[];
  routes?: YamlRoute[];
}

/** Each route's receiver and the labels it groups by, as an Alertmanager of `target` runs the tree. */
function grouping(route: YamlRoute, target: string, inherited: readonly string[] = [], at = 'route'): string[] {
  const own = route.group_by !== undefined && (route.group_by.length > 0 || emptyGroupByOverrides(target));
  const effective = own ? route.group_by! : inherited;
  return [`${at} → ${route.receiver ?? '(parent)'} by [${effective.join(',')}]`, ...(route.routes ?? []).flatMap((r, i) => grouping(r, target, effective, `${at}.routes[${i}]`))];
}

const TREE = {
  route: {
    receiver: 'ops',
    group_by: ['alertname', 'cluster'],
    routes: [
      // Below a grouping parent: the readings differ.
      { receiver: 'db', matchers: ['team="db"'], group_by: [], routes: [{ receiver: 'db-pager', matchers: ['severity="critical"'] }] },
      { receiver: 'web', matchers: ['team="web"'], group_by: ['service'], routes: [{ receiver: 'web', matchers: ['severity="info"'], group_by: [] }] },
      { receiver: 'ops', matchers: ['team="ops"'] },
    ],
  },
  receivers: ['ops', 'db', 'db-pager', 'web'].map((name) => ({ name })),
};

async function importAndGenerate(config: unknown, target?: string) {
  const dir = tempDir('totem-mon-am-kinds-');
  writeFileSync(path.join(dir, 'alertmanager.yml'), stringify(config));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const into = path.join(dir, 'definitions');
  const result = await importFiles({ inputs: [path.join(dir, 'alertmanager.yml')], into, ...(target !== undefined ? { alertmanagerTarget: target } : {}) });
  const written = readFileSync(path.join(into, 'alertmanager.ts'), 'utf8');
  const stages = await runStages(into);
  const yml = stages.files?.find((f) => f.path === 'alertmanager/alertmanager.yml')?.content;
  return { dir, into, result, written, stages, yml: yml === undefined ? undefined : (parse(yml) as { route: YamlRoute; receivers: Array<Record<string, unknown>> }) };
}

describe('import: group_by: [] keeps its meaning for the target', () => {
  for (const target of [undefined, '0.25', '0.30', '>=0.27', '0.31', '>=0.31', '0.32']) {
    it(`target ${target ?? 'default (0.25)'}: every route groups as the input's did`, async () => {
      const reading = target ?? '0.25';
      const { result, written, stages, yml } = await importAndGenerate(TREE, target);
      expect(stages.diagnostics.filter((d) => d.severity === 'error'), written).toEqual([]);
      // Nothing is kept "as written" with an ignore: the definitions say what the file meant.
      expect(written).not.toContain('version/unsupported');
      expect(result.diagnostics.filter((d) => d.id === 'version/unsupported')).toEqual([]);
      // The generated tree, read by the target, groups as the input read by the target.
      const generatedTarget = stages.model!.versions.alertmanager;
      expect(grouping(yml!.route, generatedTarget)).toEqual(grouping(TREE.route, reading));
      if (emptyGroupByOverrides(reading)) {
        expect(written).toContain('groupBy: []');
      } else {
        expect(written).not.toContain('groupBy: []');
        // Where the readings differ, the report says which one was taken and why.
        const notes = result.items.filter((i) => i.status === 'guessed' && /group_by: \[\]/.test(i.reason ?? ''));
        expect(notes.map((n) => n.path?.join('.'))).toEqual(['route.routes[0].group_by', 'route.routes[1].routes[0].group_by']);
        expect(notes[0]!.reason).toContain("its parent's grouping (alertname, cluster)");
      }
    }, 120_000);
  }

  it('at the root, or below a route that groups by nothing, both readings agree: nothing to say', async () => {
    const config = { route: { receiver: 'a', group_by: [], routes: [{ receiver: 'a', matchers: ['x="1"'], group_by: [] }] }, receivers: [{ name: 'a' }] };
    const { result, stages, yml } = await importAndGenerate(config);
    expect(stages.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(grouping(yml!.route, '0.25')).toEqual(grouping(config.route, '0.25'));
    expect(result.items.filter((i) => /group_by: \[\]/.test(i.reason ?? ''))).toEqual([]);
  }, 120_000);

  it("the CLI takes the target from totem-mon.config.ts's versions", async () => {
    const dir = tempDir('totem-mon-am-kinds-');
    writeFileSync(path.join(dir, 'alertmanager.yml'), stringify(TREE));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(path.join(dir, '.git'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const before = await runCli(['import', 'alertmanager.yml', '--into', 'definitions']);
      expect(before.code, before.stdout + before.stderr).toBe(0);
      expect(readFileSync('definitions/alertmanager.ts', 'utf8')).not.toContain('groupBy: []');
      writeFileSync('totem-mon.config.ts', "import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({ versions: { alertmanager: '0.31' } });\n");
      const after = await runCli(['import', 'alertmanager.yml', '--into', 'definitions', '--force']);
      expect(after.code, after.stdout + after.stderr).toBe(0);
      expect(readFileSync('definitions/alertmanager.ts', 'utf8')).toContain('groupBy: []');
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);
});

const KINDS = {
  route: { receiver: 'chat', routes: [{ receiver: 'teams', matchers: ['team="x"'] }] },
  receivers: [
    {
      name: 'chat',
      webex_configs: [
        { room_id: 'Y2lzY29zcGFyazovL3VzL1JPT00v', message: '{{ template "webex.default.message" . }}', send_resolved: true, http_config: { authorization: { credentials: 'literal-webex-token-1234567890' } } },
        { room_id: 'room-2', http_config: { authorization: { type: 'Bearer', credentials_file: '/run/secrets/webex' } } },
      ],
      telegram_configs: [
        { bot_token: '123456:ABC-literal-telegram-token', chat_id: -1001234567890, message: 'hi', parse_mode: 'MarkdownV2', disable_notifications: true, send_resolved: false },
        { bot_token_file: '/run/secrets/telegram', chat_id: 42 },
      ],
      discord_configs: [
        { webhook_url: 'https://discord.com/api/webhooks/123/literal-discord-token', title: 't', message: 'm', content: 'c', username: 'bot', avatar_url: 'https://example.com/a.png' },
        { webhook_url_file: '/run/secrets/discord' },
      ],
    },
    {
      name: 'teams',
      msteams_configs: [
        { webhook_url: 'https://example.webhook.office.com/webhookb2/literal-teams-token', title: 't', summary: 's', text: 'x', send_resolved: true },
        { webhook_url_file: '/run/secrets/teams' },
      ],
    },
  ],
};
const LITERALS = ['literal-webex-token-1234567890', '123456:ABC-literal-telegram-token', 'literal-discord-token', 'literal-teams-token'];

describe('import: webex, telegram, discord and msteams receivers', () => {
  it('are written as the API writes them, secrets as files, and generate what the input meant', async () => {
    const { dir, result, written, stages, yml } = await importAndGenerate(KINDS);
    expect(stages.diagnostics.filter((d) => d.severity === 'error'), written).toEqual([]);
    // No note says a kind or a field was left out.
    expect(result.items.filter((i) => i.status === 'unsupported' || /not converted|no counterpart|has no/.test(i.reason ?? ''))).toEqual([]);
    expect(written).toMatch(/webex: \[/);
    expect(written).toMatch(/telegram: \[/);
    expect(written).toMatch(/discord: \[/);
    expect(written).toMatch(/msteams: \[/);
    // discord and msteams with webhook_url_file need 0.28: the project targets it.
    expect(stages.model!.versions.alertmanager).toBe('>=0.28');
    const placeholders = result.items.filter((i) => i.status === 'secret');
    expect(placeholders.map((i) => i.path?.join('.')).sort()).toEqual([
      'receivers[chat].discord_configs[0].webhook_url',
      'receivers[chat].telegram_configs[0].bot_token',
      'receivers[chat].webex_configs[0].http_config.authorization.credentials',
      'receivers[teams].msteams_configs[0].webhook_url',
    ]);
    // No literal secret anywhere: the definitions, the report, the generated file.
    for (const text of [written, JSON.stringify(result.items), stringify(yml)]) for (const secret of LITERALS) expect(text).not.toContain(secret);
    // The generated receivers: the input's, each literal secret now a file to fill.
    const placeholder = expect.stringMatching(/^\/etc\/alertmanager\/secrets\/\S+$/);
    const byName = Object.fromEntries(yml!.receivers.map((r) => [r['name'], r]));
    expect(byName['chat']).toEqual({
      name: 'chat',
      telegram_configs: [
        { send_resolved: false, bot_token_file: placeholder, chat_id: -1001234567890, message: 'hi', parse_mode: 'MarkdownV2', disable_notifications: true },
        { bot_token_file: '/run/secrets/telegram', chat_id: 42 },
      ],
      discord_configs: [
        { webhook_url_file: placeholder, title: 't', message: 'm', content: 'c', username: 'bot', avatar_url: 'https://example.com/a.png' },
        { webhook_url_file: '/run/secrets/discord' },
      ],
      webex_configs: [
        { send_resolved: true, room_id: 'Y2lzY29zcGFyazovL3VzL1JPT00v', message: '{{ template "webex.default.message" . }}', http_config: { authorization: { credentials_file: placeholder } } },
        { room_id: 'room-2', http_config: { authorization: { type: 'Bearer', credentials_file: '/run/secrets/webex' } } },
      ],
    });
    expect(byName['teams']).toEqual({
      name: 'teams',
      msteams_configs: [
        { send_resolved: true, webhook_url_file: placeholder, title: 't', summary: 's', text: 'x' },
        { webhook_url_file: '/run/secrets/teams' },
      ],
    });
    expect(dir).toBeTruthy();
  }, 120_000);

  it('what the API cannot hold is reported by path, never dropped silently; a config without its required field is not converted', async () => {
    const config = {
      route: { receiver: 'chat' },
      receivers: [
        {
          name: 'chat',
          telegram_configs: [{ bot_token_file: '/t', chat_id: 1, api_url: 'https://telegram.example' }, { bot_token_file: '/t' }, { chat_id: 5, bot_token_file: '/t', parse_mode: 'BBCode' }],
          webex_configs: [{ room_id: 'r', api_url: 'https://webex.example', http_config: { authorization: { credentials_file: '/w' } } }, { room_id: 'r2' }],
          discord_configs: [{ title: 'no url' }],
          msteams_configs: [{ webhook_url_file: '/m', http_config: { proxy_url: 'http://proxy' } }],
        },
      ],
    };
    const { result, stages } = await importAndGenerate(config);
    expect(stages.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const notes = result.items.filter((i) => i.reason !== undefined && i.status !== 'converted' && i.status !== 'guessed').map((i) => `${i.path?.join('.')}: ${i.reason}`);
    const about = (p: string) => notes.filter((n) => n.startsWith(`${p}:`));
    expect(about('receivers[chat].telegram_configs[0].api_url')).toHaveLength(1);
    expect(about('receivers[chat].telegram_configs[1]')[0]).toMatch(/chat_id/);
    expect(about('receivers[chat].telegram_configs[2].parse_mode')).toHaveLength(1);
    expect(about('receivers[chat].webex_configs[0].api_url')).toHaveLength(1);
    expect(about('receivers[chat].webex_configs[1]')[0]).toMatch(/authorization|credentials/);
    expect(about('receivers[chat].discord_configs[0]')[0]).toMatch(/webhook_url/);
    expect(about('receivers[chat].msteams_configs[0].http_config')).toHaveLength(1);
  }, 120_000);
});
