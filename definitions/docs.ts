// The document's "Troubleshooting" and "Checklist" sections, as docs definitions: out/docs/ gets a
// runbook per alert (with these steps) and the checklists, linked to the dashboards and alerts.
import { checklist, troubleshooting, type DocsOptions } from 'totem-mon';
import { highErrorRate, highLatency, totemApiUnhealthy } from './alerts.js';
import { business } from './dashboards/business.js';
import { overview } from './dashboards/overview.js';
import { performance } from './dashboards/performance.js';

// "Problemas Comuns" and their "Soluções", one topic each.
const metricsMissing = troubleshooting({
  title: 'Métricas não aparecem',
  steps: [
    { text: 'Verificar endpoints expostos: a API deve responder em /metrics', command: 'curl localhost:8000/metrics' },
    { text: 'Comparar o que a API expõe com o catálogo', command: 'npx totem-mon check-metrics http://localhost:8000/metrics' },
    { text: 'Verificar configuração do Prometheus', command: 'promtool check config prometheus.yml' },
    'Verificar labels: os seletores das regras e painéis usam os labels que a API expõe',
  ],
});

const alertsNotWorking = troubleshooting({
  title: 'Alertas não funcionam',
  steps: [
    { text: 'Verificar regras', command: 'promtool check rules rules/*.yml' },
    { text: 'Verificar thresholds: rodar os testes das regras', command: 'npx totem-mon validate' },
    { text: 'Testar notificações', command: 'amtool config routes test --config.file=alertmanager.yml severity=critical' },
  ],
});

const logsMissing = troubleshooting({
  title: 'Logs não aparecem',
  alerts: [highErrorRate, totemApiUnhealthy],
  steps: [
    { text: 'Verificar logs', command: 'tail -f totem.log' },
    { text: 'Verificar rotação (10MB, 5 arquivos)', command: 'ls -l totem.log*' },
    'Verificar permissões do arquivo de log e o formato JSON (trace_id, span_id)',
  ],
});

const apiDown = troubleshooting({
  title: 'API fora do ar ou com componente falhando',
  alerts: [totemApiUnhealthy],
  steps: [
    { text: 'Ver a resposta do health check: status e checks de database, redis e printer', command: 'curl -s http://api:8000/health' },
    { text: 'Ver o estado do container (healthcheck do Docker Compose)', command: 'docker compose ps api' },
    { text: 'Ver o que o blackbox exporter viu na última verificação', command: "curl -s 'http://blackbox-exporter:9115/probe?module=http_totem_api&target=http://api:8000/health&debug=true'" },
  ],
});

export const docs: DocsOptions = {
  runbookBase: 'https://runbooks.totem.example.com/docs/alerts/',
  grafanaUrl: 'https://grafana.totem.example.com',
  troubleshooting: [metricsMissing, alertsNotWorking, logsMissing, apiDown],
  checklists: [
    checklist({
      title: 'Diário',
      items: [
        { text: 'Verificar dashboards', dashboards: [overview, performance, business] },
        { text: 'Verificar alertas', alerts: [highErrorRate, highLatency, totemApiUnhealthy] },
        'Verificar logs',
        { text: 'Verificar métricas', dashboards: [overview] },
      ],
    }),
    checklist({
      title: 'Semanal',
      items: [
        { text: 'Revisar thresholds', alerts: [highErrorRate, highLatency] },
        { text: 'Atualizar dashboards', dashboards: [overview, performance, business] },
        'Limpar dados antigos',
        'Verificar backups',
      ],
    }),
    checklist({
      title: 'Mensal',
      items: ['Revisar configuração', 'Atualizar documentação', 'Treinar equipe', { text: 'Relatório de performance', dashboards: [performance] }],
    }),
  ],
};
