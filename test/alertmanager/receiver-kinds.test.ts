// The newer integrations, each with its secret only in a file: allowed from the release whose
// Alertmanager reads that file (src/model/version-facts.ts), refused by version/unsupported for an
// older target with the release named. The output is held to Alertmanager's config/notifiers.go
// field names (the `yaml:"…"` tags of TelegramConfig, DiscordConfig, MSTeamsConfig, WebexConfig at
// v0.28.0), and the Webex one, which 0.25 has, to the installed amtool.
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { receiver, route, secretFile, type ProjectOptions, type Receiver } from '../../src/index.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';
import { generated } from '../helpers/model.js';
import { tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

const S = '/etc/alertmanager/secrets';
type Version = NonNullable<ProjectOptions['versions']>['alertmanager'];

const project = (r: Receiver, alertmanager?: Version) =>
  shopProject({
    labels: { severity: 'critical', team: 'shop' },
    alertmanager: { receivers: [r], route: route({ receiver: r.name, groupBy: ['alertname', 'team'] }) },
    ...(alertmanager ? { versions: { alertmanager } } : {}),
  });

const versionFindings = (r: Receiver, v?: Version) =>
  lintFindings(project(r, v)).filter((d) => d.id === 'version/unsupported').map((d) => ({ message: d.message, path: d.path?.join('.') }));

const configOf = (r: Receiver, v?: Version) => parse(generated(project(r, v)).files['alertmanager/alertmanager.yml']!).receivers[0];

const KINDS: Array<{ kind: string; since: Version; older: Version; feature: string; receiver: Receiver; yaml: Record<string, unknown> }> = [
  {
    kind: 'telegram',
    since: '0.26',
    older: '0.25',
    feature: 'telegram (telegram_configs with bot_token_file)',
    receiver: receiver({
      name: 'tg',
      telegram: [{ botToken: secretFile(`${S}/telegram_bot_token`), chatId: -1001234567890, message: '{{ template "telegram.default.message" . }}', parseMode: 'HTML', disableNotifications: true, sendResolved: true }],
    }),
    yaml: {
      telegram_configs: [
        { send_resolved: true, bot_token_file: `${S}/telegram_bot_token`, chat_id: -1001234567890, message: '{{ template "telegram.default.message" . }}', parse_mode: 'HTML', disable_notifications: true },
      ],
    },
  },
  {
    kind: 'discord',
    since: '0.28',
    older: '0.27',
    feature: 'discord (discord_configs with webhook_url_file)',
    receiver: receiver({
      name: 'dc',
      discord: [{ webhookUrl: secretFile(`${S}/discord_webhook_url`), title: '{{ .CommonLabels.alertname }}', message: 'x', content: 'y', username: 'am', avatarUrl: 'https://img.example/a.png' }],
    }),
    yaml: {
      discord_configs: [
        { webhook_url_file: `${S}/discord_webhook_url`, title: '{{ .CommonLabels.alertname }}', message: 'x', content: 'y', username: 'am', avatar_url: 'https://img.example/a.png' },
      ],
    },
  },
  {
    kind: 'msteams',
    since: '0.28',
    older: '0.27',
    feature: 'msteams (msteams_configs with webhook_url_file)',
    receiver: receiver({ name: 'teams', msteams: [{ webhookUrl: secretFile(`${S}/teams_webhook_url`), title: 't', summary: 's', text: '{{ .CommonAnnotations.summary }}' }] }),
    yaml: { msteams_configs: [{ webhook_url_file: `${S}/teams_webhook_url`, title: 't', summary: 's', text: '{{ .CommonAnnotations.summary }}' }] },
  },
];

describe('telegram, discord, msteams: allowed from the release that reads their secret file', () => {
  for (const k of KINDS) {
    it(`${k.kind}: refused before ${k.since}, naming the release; written with its *_file from ${k.since} on`, () => {
      for (const v of [undefined, k.older, `>=${k.older}` as Version]) {
        const got = versionFindings(k.receiver, v);
        expect(got).toHaveLength(1);
        expect(got[0]!.message).toContain(`uses ${k.feature}, which Alertmanager `);
        expect(got[0]!.message).toContain(`it came in Alertmanager ${k.since}`);
        expect(got[0]!.path).toBe(`alertmanager.receivers.${k.receiver.name}.${k.kind}[0]`);
      }
      expect(versionFindings(k.receiver, k.since)).toEqual([]);
      expect(versionFindings(k.receiver, '0.34')).toEqual([]);
      expect(configOf(k.receiver, k.since)).toEqual({ name: k.receiver.name, ...k.yaml });
    });
  }

  it('their templated fields are judged as templates, the others not', () => {
    const tg = receiver({ name: 'tg', telegram: [{ botToken: secretFile(`${S}/t`), chatId: 42, message: '{{ .CommonLabels.alertname ' }] });
    const dc = receiver({ name: 'dc', discord: [{ webhookUrl: secretFile(`${S}/d`), username: '{{ .CommonLabels.team }}' }] });
    const ids = (r: Receiver, v: Version) => lintFindings(project(r, v)).filter((d) => d.id?.startsWith('alertmanager/template')).map((d) => d.message);
    expect(ids(tg, '0.26')).toEqual(['receiver tg: telegram[0].message is not a valid template: unclosed action: this {{ has no }} (column 1)']);
    expect(ids(dc, '0.28')).toEqual([
      'receiver dc: discord[0].username is not a template on Alertmanager 0.28 (the target version): its {{ … }} is sent literally; no release renders it',
    ]);
  });

  it("Discord's username is sent as written though Alertmanager's CHANGELOG calls it a template: the hint says so, content is rendered", () => {
    const dc = receiver({ name: 'dc', discord: [{ webhookUrl: secretFile(`${S}/d`), username: '{{ .CommonLabels.team }}', avatarUrl: 'https://img.example/{{ .CommonLabels.team }}.png', content: '{{ .CommonLabels.team }}' }] });
    const found = (v: Version) => lintFindings(project(dc, v)).filter((d) => d.id === 'alertmanager/template-syntax');
    for (const v of ['0.28', '0.34'] as const) {
      expect(found(v).map((d) => [d.path?.at(-1), d.hint])).toEqual([
        [
          'username',
          "write the value itself: Alertmanager renders templates only in the message fields (see the check page); Alertmanager's CHANGELOG (0.28.0, #4007) says `username` supports templating, but notify/discord/discord.go sends it as written (Username: n.conf.Username) in every release from 0.28.0 to 0.34.0",
        ],
        ['avatarUrl', 'write the value itself: Alertmanager renders templates only in the message fields (see the check page)'],
      ]);
    }
  });

  it('a literal secret is refused as one, naming the field', () => {
    const p = shopProject({
      alertmanager: {
        // @ts-expect-error a literal webhook URL where a secret file is expected
        receivers: [receiver({ name: 'dc', discord: [{ webhookUrl: 'https://discord.com/api/webhooks/1/abc' }] })],
        route: route({ receiver: 'dc' }),
      },
      versions: { alertmanager: '0.28' },
    });
    expect(() => lintFindings(p)).toThrow(/webhookUrl/);
  });
});

describe('webex: Alertmanager 0.25 has it, with the token as http_config.authorization', () => {
  const webex = receiver({ name: 'wx', webex: [{ roomId: 'Y2lzY29zcGFyazovL3VzL1JPT00v', message: '{{ template "webex.default.message" . }}', authorization: { credentials: secretFile(`${S}/webex_token`) } }] });

  it('written under http_config, refused nowhere from 0.25 on', () => {
    expect(versionFindings(webex)).toEqual([]);
    expect(configOf(webex)).toEqual({
      name: 'wx',
      webex_configs: [{ room_id: 'Y2lzY29zcGFyazovL3VzL1JPT00v', message: '{{ template "webex.default.message" . }}', http_config: { authorization: { credentials_file: `${S}/webex_token` } } }],
    });
  });

  it('room_id is a template from 0.28 on', () => {
    const templated = receiver({ name: 'wx', webex: [{ roomId: '{{ .CommonLabels.team }}', authorization: { credentials: secretFile(`${S}/webex_token`) } }] });
    const literal = (v?: Version) => lintFindings(project(templated, v)).filter((d) => d.id === 'alertmanager/template-syntax').map((d) => d.message);
    expect(literal()).toEqual(['receiver wx: webex[0].roomId is not a template on Alertmanager 0.25 (the target version): its {{ … }} is sent literally; Alertmanager renders it from 0.28 on']);
    expect(literal('0.28')).toEqual([]);
  });

  itWithBinaries(['amtool'])('amtool 0.25 check-config accepts the output', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'alertmanager.yml');
    writeFileSync(file, generated(project(webex)).files['alertmanager/alertmanager.yml']!);
    const result = await execa(findBinary('amtool')!, ['check-config', file], { reject: false, timeout: 30_000 });
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.exitCode).toBe(0);
  });
});

describe('the integrations totem-mon does not generate yet', () => {
  for (const [kind, feature, since] of [
    ['msteamsv2', 'msteamsv2 (msteamsv2_configs)', '0.28'],
    ['jira', 'jira (jira_configs)', '0.28'],
    ['rocketchat', 'rocketchat (rocketchat_configs)', '0.28'],
    ['mattermost', 'mattermost (mattermost_configs)', '0.30'],
  ] as const) {
    it(`${kind}: refused for every target, with the release that adds it`, () => {
      const p = shopProject({
        alertmanager: { receivers: [receiver({ name: 'r', [kind]: [{}] } as never)], route: route({ receiver: 'r' }) },
        versions: { alertmanager: '0.34' },
      });
      expect(() => lintFindings(p)).toThrow(`${feature} (Alertmanager ${since} and later) is not generated by totem-mon for any target version yet`);
    });
  }
});
