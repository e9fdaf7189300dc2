// "Health Checks" of the monitoring document: the API's /health endpoint, probed by the blackbox
// exporter with the Docker Compose healthcheck's timing (interval 30s, timeout 10s, 3 retries).
import { healthCheck } from 'totem-mon';

// The document's /health answers {"status": "healthy", "version": …, "checks": {"database": …,
// "redis": …, "printer": …}}: healthy means that status, and each component check reporting true
// (what check_database() & co. return when the component answers).
export const apiHealth = healthCheck({
  name: 'totem-api',
  url: 'http://api:8000/health',
  interval: '30s',
  timeout: '10s',
  retries: 3,
  expectJson: { status: 'healthy' },
  components: ['database', 'redis', 'printer'],
});

export const healthChecks = [apiHealth];
