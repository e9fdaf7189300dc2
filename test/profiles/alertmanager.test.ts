import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { execa } from 'execa';
import { parse } from 'yaml';
import { alertmanager, defineProject, files, prometheusOperator, receiver, route, secretFile, synth, type Output } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { findTool } from '../../src/validate/tools.js';
import { itWithBinaries } from '../helpers/tools.js';
import { tempDir } from '../helpers/cli.js';
import { modelOf } from '../helpers/model.js';
import { errors, requests, shop, yamlOf } from './helpers.js';
import { resourcesOf, shippedCrds } from './crds.js';

const it = itWithBinaries(['amtool']);

const onCall = receiver({
  name: 'on-call',
  email: [{ to: 'oncall@shop.example.com', authPassword: secretFile('/etc/alertmanager/secrets/smtp/password') }],
  pagerduty: [{ routingKey: secretFile('/run/secrets/pagerduty_key') }],
});
const chat = receiver({ name: 'chat', slack: [{ channel: '#shop', apiUrl: secretFile('/etc/alertmanager/secrets/slack/webhook-url') }] });

function shopWithAlertmanager(outputs: readonly Output[]) {
  const base = shop();
  return defineProject({
    ...base,
    metrics: [requests, errors],
    alertmanager: alertmanager({
      global: { smtp: { from: 'alerts@shop.example.com', smarthost: 'smtp.example.com:587' } },
      receivers: [onCall, chat],
      route: route({ receiver: 'chat', groupBy: ['alertname'], routes: [route({ matchers: { severity: 'critical' }, receiver: 'on-call' })] }),
    }),
    outputs,
  });
}

const mapped = prometheusOperator({ namespace: 'shop', alertmanager: { configSecret: 'shop-alertmanager', secrets: { '/run/secrets/pagerduty_key': { name: 'pagerduty', key: 'routing-key' } } } });

describe('the Alertmanager configuration in the prometheus-operator profile', () => {
  const generatedSecret = async () => {
    const result = await synth(shopWithAlertmanager([files(), mapped]));
    expect(result.diagnostics).toEqual([]);
    return { result, secret: yamlOf(result.files, 'prometheus-operator/alertmanager/shop-alertmanager.yaml') };
  };

  it('is a Secret for spec.configSecret holding alertmanager.yaml: the files profile’s routing, every secret a key of a Secret the user manages, no value', async () => {
    const { result, secret } = await generatedSecret();
    expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'shop-alertmanager', namespace: 'shop' } });
    const config = parse(secret.stringData['alertmanager.yaml']);
    const plain = yamlOf(result.files, 'alertmanager/alertmanager.yml');
    expect(config.route).toEqual(plain.route);
    expect(config.receivers.map((r: { name: string }) => r.name)).toEqual(plain.receivers.map((r: { name: string }) => r.name));
    expect(config.receivers[0].email_configs[0].auth_password_file).toBe('/etc/alertmanager/secrets/smtp/password');
    expect(config.receivers[0].pagerduty_configs[0].routing_key_file).toBe('/etc/alertmanager/secrets/pagerduty/routing-key');
    expect(config.receivers[1].slack_configs[0].api_url_file).toBe('/etc/alertmanager/secrets/slack/webhook-url');
    // What the Alertmanager resource must mount, said in the file's header.
    expect(result.files['prometheus-operator/alertmanager/shop-alertmanager.yaml']).toContain('spec.configSecret: shop-alertmanager; spec.secrets: [pagerduty, slack, smtp]');
    expect(yamlOf(result.files, 'prometheus-operator/kustomization.yaml').resources).toContain('alertmanager/shop-alertmanager.yaml');
  });

  it('passes the Secret schema, and a key Kubernetes refuses is caught', () => {
    const resources = resourcesOf(compileOutputs(modelOf(shopWithAlertmanager([mapped]))));
    const secret = resources.find((r) => r.resource.kind === 'Secret')!;
    expect(checkResources(resources, shippedCrds())).toEqual([]);
    const broken = { ...secret, content: secret.content.replace('alertmanager.yaml:', 'alertmanager config.yaml:') };
    expect(checkResources([broken], shippedCrds()).map((d) => d.message)).toEqual([expect.stringMatching(/\/stringData\/alertmanager config\.yaml: key "alertmanager config\.yaml" must match pattern .*\(Kubernetes core\/v1\)$/)]);
  });

  it('refuses a secretFile no Secret holds, at the secretFile, with both ways out', async () => {
    const result = await synth(shopWithAlertmanager([prometheusOperator({ namespace: 'shop' })]));
    expect(result.diagnostics.map((d) => ({ path: d.path?.join('.'), message: d.message, hint: d.hint }))).toEqual([
      {
        path: expect.stringMatching(/^alertmanager\.receivers.*pagerduty.*routingKey$/),
        message: expect.stringMatching(/^secretFile\('\/run\/secrets\/pagerduty_key'\) has no Kubernetes Secret for the prometheus-operator profile/),
        hint: expect.stringMatching(/secretFile\('\/etc\/alertmanager\/secrets\/<secret>\/<key>'\).*secrets: \{ '\/run\/secrets\/pagerduty_key': \{ name: '<secret>', key: '<key>' \} \}/),
      },
    ]);
  });

  it('holds a configuration amtool accepts, with its templates where the operator mounts them', async () => {
    const { secret } = await generatedSecret();
    const dir = tempDir();
    mkdirSync(path.join(dir, 'config'));
    for (const [key, value] of Object.entries<string>(secret.stringData)) {
      writeFileSync(path.join(dir, 'config', key), key === 'alertmanager.yaml' ? value.replaceAll('/etc/alertmanager/config/', `${path.join(dir, 'config')}/`) : value);
    }
    const run = await execa(findTool('amtool')!, ['check-config', path.join(dir, 'config', 'alertmanager.yaml')], { reject: false, all: true });
    expect(run.all).toContain('SUCCESS');
    expect(run.exitCode).toBe(0);
  });
});
