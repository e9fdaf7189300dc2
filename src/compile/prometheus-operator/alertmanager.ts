/**
 * The Alertmanager configuration for an operator-managed Alertmanager: alertmanager.yaml and the
 * notification templates in a Secret for the Alertmanager resource's `spec.configSecret`, holding
 * no secret value. Every secret stays a file, now a key of a Secret the user manages, which the
 * operator mounts at /etc/alertmanager/secrets/<secret>/<key> when `spec.secrets` lists it.
 *
 * Why not AlertmanagerConfig: the operator scopes each AlertmanagerConfig to its namespace (it
 * adds a `namespace="<its namespace>"` matcher to its top route and its inhibit rules), so alerts
 * without that label would no longer reach the routes their routing tests prove. The Secret is the
 * routing tree exactly as amtool and the routing tests checked it.
 */
import type { Model } from '../../model/types.js';
import type { AlertmanagerModel } from '../../model/alertmanager.js';
import { OPERATOR_SECRETS_DIR, secretKeyOf, type PrometheusOperatorOutputModel } from '../../model/outputs.js';
import { alertmanagerConfig } from '../alertmanager/config.js';
import { headerLines, yamlFile } from '../output.js';
import { resourceFile, type ResourceFile } from '../kubernetes/resource.js';

/** Where the operator mounts the configSecret's keys. */
export const OPERATOR_CONFIG_DIR = '/etc/alertmanager/config';

/** Every `*_file` value of the configuration, moved to the Secret key it lives in; the Secrets named, sorted. */
function mountedSecrets(config: unknown, secrets: PrometheusOperatorOutputModel['alertmanager']['secrets'], used: Set<string>): unknown {
  if (Array.isArray(config)) return config.map((c) => mountedSecrets(c, secrets, used));
  if (typeof config !== 'object' || config === null) return config;
  return Object.fromEntries(Object.entries(config).map(([key, value]) => {
    if (typeof value !== 'string' || !key.endsWith('_file')) return [key, mountedSecrets(value, secrets, used)];
    // The schema refused a secretFile no Secret holds (refuseUnmountedSecrets): one is always found here.
    const ref = secretKeyOf(value, secrets);
    if (!ref) return [key, value];
    used.add(ref.name);
    return [key, `${OPERATOR_SECRETS_DIR}/${ref.name}/${ref.key}`];
  }));
}

export function compileAlertmanagerSecret(model: Model, am: AlertmanagerModel, output: PrometheusOperatorOutputModel, folder: string): ResourceFile {
  const used = new Set<string>();
  const config = mountedSecrets(alertmanagerConfig(am, `${OPERATOR_CONFIG_DIR}/*.tmpl`, model.versions.alertmanager), output.alertmanager.secrets, used);
  const source = am.source?.file ?? model.entry;
  const mounts = [...used].sort();
  const configYaml = yamlFile('alertmanager.yaml', config, headerLines(source, 'Alertmanager configuration')).content;
  const name = output.alertmanager.configSecret;
  return resourceFile(
    `${folder}/alertmanager/${name}.yaml`,
    output,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      name,
      body: {
        type: 'Opaque',
        stringData: { 'alertmanager.yaml': configYaml, ...Object.fromEntries(am.templates.map((t) => [t.name, t.content])) },
      },
    },
    am,
    [
      ...headerLines(source, 'Alertmanager configuration, no secret value in it'),
      `The Alertmanager resource: spec.configSecret: ${name}; spec.secrets: [${mounts.join(', ')}] (Secrets you manage).`,
    ],
  );
}
