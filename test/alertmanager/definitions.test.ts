import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

const fixture = (name: string) => path.join(FIXTURES, 'alertmanager', name);

async function generate(name: string) {
  const out = tempDir();
  const result = await runCli(['generate', '--definitions', fixture(name), '--out', out]);
  return { ...result, out };
}

describe('secrets never in a definition', () => {
  it.each([
    ['literal-password', 'receiver team-mail: email[0].authPassword holds a literal password', "authPassword: secretFile('/etc/alertmanager/secrets/smtp_password')"],
    ['slack-webhook-url', 'receiver team-chat: webhook[0].url holds a literal Slack webhook URL', "apiUrl: secretFile('/etc/alertmanager/secrets/slack_webhook_url')"],
    ['pagerduty-key', 'receiver on-call: pagerduty[0].routingKey holds a literal key', "routingKey: secretFile('/etc/alertmanager/secrets/pagerduty_routing_key')"],
  ])('%s fails generate, naming receiver and field, with the file-based form as hint', async (name, message, hint) => {
    const result = await generate(name);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
    expect(result.stderr).not.toContain('0123456789abcdef');
    expect(snapshotTree(result.out)).toEqual({});
  });

  it('refuses webhook urlFile (Alertmanager 0.26) with a hint', async () => {
    const result = await generate('webhook-url-file');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('webhook url_file is not available in Alertmanager 0.25');
    expect(result.stderr).toContain('authorization: { credentials: secretFile(');
  });
});

describe('routing cross-checks', () => {
  it('a route to an unknown receiver fails generate', async () => {
    const result = await generate('unknown-receiver');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('alertmanager/unknown-receiver');
    expect(result.stderr).toContain('a route names receiver "team-chta", which is not defined. Did you mean "team-chat"?');
  });

  it('an unreachable receiver warns, and generate still writes', async () => {
    const result = await generate('unreachable-receiver');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning [alertmanager/unreachable-receiver]');
    expect(result.stderr).toContain('receiver forgotten is not named by any route');
    expect(Object.keys(snapshotTree(result.out))).toContain('alertmanager/alertmanager.yml');
  });
});
