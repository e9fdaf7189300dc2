import {
  alert, alertmanager, counter, defineProject, rate, receiver, route, ruleGroup, scrapeJob,
  type AlertmanagerOptions, type Project, type ProjectOptions, type Receiver,
} from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { CHECKS } from '../../src/lint/index.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { runOn, templatesOption } from './model.js';

const errors = counter({ name: 'shop_errors_total', help: 'Errors.', labels: ['service'] });

/**
 * Runs one check on a small non-Totem project whose Alertmanager has the given receivers (the
 * first is the root route's), with the given template files and one alert rule per label set
 * (ShopErrors, ShopErrors2, …).
 */
export function runAlertmanagerCheck(
  id: string,
  receivers: readonly Receiver[],
  templates: TemplateFileModel[] = [],
  alertLabels: Array<Record<string, string> & { severity: string }> = [{ severity: 'critical' }],
): Diagnostic[] {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return runOn(
    defineProject({
      name: 'shop',
      metrics: [errors],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
      ruleGroups: [
        ruleGroup({
          name: 'shop',
          rules: alertLabels.map((labels, i) =>
            alert({
              name: i === 0 ? 'ShopErrors' : `ShopErrors${i + 1}`,
              expr: `sum by (service) (${rate(errors, '5m')}) > ${i + 1}`,
              for: '5m',
              labels,
              annotations: { summary: 'Errors', description: 'Errors on {{ $labels.service }}', runbook_url: 'https://runbooks/shop' },
            }),
          ),
        }),
      ],
      alertmanager: alertmanager({
        receivers: receivers.length > 0 ? receivers : [receiver({ name: 'none' })],
        route: route({ receiver: receivers[0]?.name ?? 'none' }),
      }),
    }),
    [check],
    templatesOption(templates),
  );
}

/** Only what a test pins: message, hint, path, source line and the excerpt's highlighted text. */
export function pinned(d: Diagnostic) {
  return {
    message: d.message,
    hint: d.hint,
    path: d.path,
    line: d.source?.line,
    file: d.source?.file,
    highlighted: d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined,
  };
}

/** What shopProject varies; the rest is the Alertmanager tests' common small project. */
export interface ShopProjectOptions {
  alertmanager: AlertmanagerOptions;
  /** ShopErrors's labels (default `{ severity: 'critical' }`). */
  labels?: { severity: string } & Record<string, string>;
  /** Over the default summary, description (reading `$labels.service`) and runbook_url. */
  annotations?: Record<string, string>;
  /** The labels ShopErrors's `sum by (…)` keeps (default service); shop_errors_total has service and env. */
  by?: readonly ('service' | 'env')[];
  versions?: ProjectOptions['versions'];
}

const shopErrors = counter({ name: 'shop_errors_total', help: 'Errors.', labels: ['service', 'env'] });

/** A small non-Totem project with one alert rule, ShopErrors, and the given Alertmanager configuration. */
export function shopProject(options: ShopProjectOptions): Project {
  return defineProject({
    name: 'shop',
    metrics: [shopErrors],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
    ruleGroups: [
      ruleGroup({
        name: 'shop',
        rules: [
          alert({
            name: 'ShopErrors',
            expr: `sum by (${(options.by ?? ['service']).join(', ')}) (${rate(shopErrors, '5m')}) > 1`,
            for: '5m',
            labels: options.labels ?? { severity: 'critical' },
            annotations: { summary: 'Errors', description: 'Errors on {{ $labels.service }}', runbook_url: 'https://runbooks/shop', ...options.annotations },
          }),
        ],
      }),
    ],
    alertmanager: alertmanager(options.alertmanager),
    ...(options.versions ? { versions: options.versions } : {}),
  });
}

/** lint()'s findings on a project that passes the schema check (else the test fails, naming why). */
export function lintFindings(project: Project): Diagnostic[] {
  const result = lint(project);
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.diagnostics;
}
