/**
 * The Prometheus data source Grafana is provisioned with (provisioning/datasources/prometheus.yml).
 * Dashboards never name it: their `datasource` variable defaults to it, by uid.
 */
export const PROMETHEUS_DATASOURCE = {
  name: 'Prometheus',
  uid: 'prometheus',
  /** Prometheus as seen from the Grafana container (the service name in Docker Compose). */
  url: 'http://prometheus:9090',
} as const;

/** Where Grafana finds the dashboard JSON: mount out/grafana/dashboards here. */
export const DASHBOARDS_MOUNT = '/var/lib/grafana/dashboards/totem-mon';

/** Output folders, relative to out/. */
export const DASHBOARDS_DIR = 'grafana/dashboards';
export const PROVISIONING_DIR = 'grafana/provisioning';
