// totem-mon's settings for this repository. The commands find this file from any folder below it;
// a flag (--definitions, --out) wins over what it says.
import { defineConfig } from 'totem-mon';

export default defineConfig({
  definitions: 'definitions',
  out: 'out', // commit it: `totem-mon generate --check` in CI fails when it drifts from the definitions
  grafana: {
    // Prometheus as Grafana reaches it (here: the Docker Compose service name).
    datasource: { name: 'Prometheus', uid: 'prometheus', url: 'http://prometheus:9090' },
    // Where Grafana reads the dashboards: mount out/grafana/dashboards there.
    provisioningPath: '/var/lib/grafana/dashboards/totem-mon',
  },
});
