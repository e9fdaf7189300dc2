import { describe, expect, it } from 'vitest';
import { receiver, route, type AlertmanagerOptions } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';
import { runOn, templatesOption } from '../helpers/model.js';
import { shopProject } from '../helpers/alertmanager.js';

const file = (name: string, content: string): TemplateFileModel => ({ name, source: `templates/${name}`, content });
const typo = file('shop.tmpl', '{{ define "shop.title" }}{{ .CommonLabels.servce }}{{ end }}\n');
const other = file('other.tmpl', '{{ define "other.title" }}{{ .CommonLabels.clutser }}{{ end }}\n');

function project(templateFiles?: AlertmanagerOptions['templateFiles']) {
  return shopProject({
    annotations: { description: 'Errors' },
    alertmanager: { receivers: [receiver({ name: 'ops', webhook: [{ url: 'https://alerts.example.com/ops' }] })], route: route({ receiver: 'ops' }), ...(templateFiles ? { templateFiles } : {}) },
  });
}

const ids = ['alertmanager/template-field', 'lint/stale-ignore'];
const run = (p: ReturnType<typeof project>) => runOn(p, ids, templatesOption([typo, other]));

describe('templateFiles: ignore on one notification template file', () => {
  it('without it, both files are reported', () => {
    expect(run(project()).map((d) => d.path?.join(' › ')).sort()).toEqual(['templates › other.tmpl', 'templates › shop.tmpl']);
  });

  it('silences the named check on that file only, with its reason', () => {
    const p = project({ 'shop.tmpl': { ignore: { 'alertmanager/template-field': 'servce is the label the legacy exporter writes' } } });
    expect(run(p).map((d) => [d.id, d.path?.join(' › ')])).toEqual([['alertmanager/template-field', 'templates › other.tmpl']]);
  });

  it('an ignore that silences nothing is reported (a file without the finding, or no such file)', () => {
    const p = project({ 'missing.tmpl': { ignore: { 'alertmanager/template-field': 'why' } } });
    const stale = run(p).filter((d) => d.id === 'lint/stale-ignore');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.path).toEqual(['templates', 'missing.tmpl', 'ignore', 'alertmanager/template-field']);
  });

  it('refuses an unknown check id (with the closest one), a missing reason and a name that is no template file', () => {
    const issues = (templateFiles: unknown) => {
      const r = lint(project(templateFiles as AlertmanagerOptions['templateFiles']));
      return r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    };
    expect(issues({ 'shop.tmpl': { ignore: { 'alertmanager/template-feld': 'why' } } }).join('\n')).toMatch(/unknown check id "alertmanager\/template-feld"/);
    expect(issues({ 'shop.tmpl': { ignore: { 'alertmanager/template-field': ' ' } } }).join('\n')).toMatch(/an ignore needs a reason/);
    expect(issues({ 'templates/shop.tmpl': { ignore: { 'alertmanager/template-field': 'why' } } }).join('\n')).toMatch(/expected the name of a file in templates\//);
    expect(issues({ 'shop.tmpl': { ignore: { 'alertmanager/template-field': 'why' } } })).toEqual([]);
  });
});
