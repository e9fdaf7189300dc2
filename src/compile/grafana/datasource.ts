/**
 * Where the Grafana output goes, relative to out/. The data source itself (name, uid, url), the
 * dashboards' folder and mount path come from the model's `grafana` settings (src/model/settings.ts):
 * totem-mon.config.ts, the project, or English defaults. Dashboards never name the data source:
 * their `datasource` variable defaults to it, by uid.
 */
export const DASHBOARDS_DIR = 'grafana/dashboards';
export const PROVISIONING_DIR = 'grafana/provisioning';
/** Grafana resources (the V2 dashboards and their folders), for the API or GitOps tools. */
export const RESOURCES_DIR = 'grafana/resources';
