/**
 * Where the Grafana output goes, relative to out/. The data source itself (name, uid, url), the
 * dashboards' folder and mount path come from the model's `grafana` settings (src/model/settings.ts):
 * totem-mon.config.ts, the project, or English defaults. Dashboards never name the data source:
 * their `datasource` variable defaults to it, by uid.
 */
export { CLASSIC_DASHBOARDS_DIR as DASHBOARDS_DIR, GRAFANA_RESOURCES_DIR as RESOURCES_DIR } from '../../model/dashboard.js';
export const PROVISIONING_DIR = 'grafana/provisioning';
