// totem-mon's settings for this repository (found from the current folder upwards; flags win).
// Totem's deployment: Grafana reaches Prometheus under its Docker Compose service name and mounts
// the generated dashboards at the provisioning path below.
import { defineConfig } from 'totem-mon';

export default defineConfig({
  definitions: 'definitions',
  out: 'out',
  grafana: {
    datasource: { name: 'Prometheus', uid: 'prometheus', url: 'http://prometheus:9090' },
    provisioningPath: '/var/lib/grafana/dashboards/totem-mon',
  },
});
