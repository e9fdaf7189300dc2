import { readFileSync } from 'node:fs';
import path from 'node:path';
import { files, grafanaOperator, grafanaSidecar, mimir, prometheusOperator, synth, thanos, type Output, type Project } from '../../src/index.js';
import { loadDefinitions } from '../../src/io/load.js';
import { REPO } from '../helpers/cli.js';

/** Every profile there is, with Kubernetes settings a cluster might have. */
export const ALL_PROFILES: readonly Output[] = [
  files(),
  prometheusOperator({
    namespace: 'monitoring',
    labels: { release: 'kube-prometheus-stack' },
    alertmanager: {
      secrets: {
        '/etc/alertmanager/secrets/smtp_password': { name: 'totem-alertmanager', key: 'smtp-password' },
        '/etc/alertmanager/secrets/slack_webhook_url': { name: 'totem-alertmanager', key: 'slack-webhook-url' },
      },
    },
  }),
  grafanaOperator({ namespace: 'monitoring', instanceSelector: { dashboards: 'grafana' } }),
  grafanaSidecar({ namespace: 'monitoring', labels: { team: 'totem' } }),
  mimir({ namespace: 'totem' }),
  thanos(),
];

/** The profiles' folders in out/ besides the files profile's. */
export const PROFILE_DIRS = ['prometheus-operator/', 'grafana-operator/', 'grafana-sidecar/', 'mimir/', 'thanos/'];

let totem: Promise<unknown> | undefined;

/** Totem's project as generate loads it (its definitions import 'totem-mon', which only the loader resolves), with other outputs. */
export async function totemWith(outputs: readonly Output[]) {
  totem ??= loadDefinitions(path.join(REPO, 'definitions')).then((l) => l.project);
  const project = (await totem) as Project;
  const templates = { 'totem.tmpl': readFileSync(path.join(REPO, 'templates/totem.tmpl'), 'utf8') };
  return synth({ ...project, outputs }, { definitions: path.join(REPO, 'definitions'), templates });
}

