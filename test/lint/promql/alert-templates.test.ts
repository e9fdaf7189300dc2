import { describe, expect, it } from 'vitest';
import { alert } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

describe('alert/template-label-dropped in alert labels', () => {
  const ID = 'alert/template-label-dropped';

  it('fires on {{ $labels.x }} in a label when the expression drops x', () => {
    const rule = alert({ ...basics, name: 'Orders', expr: 'sum(rate(shop_orders_total[5m])) > 1', labels: { severity: 'warning', store: '{{ $labels.store }}' } });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert Orders uses {{ $labels.store }} in label store, but its expression does not keep "store": it renders empty',
        hint: 'the expression keeps no labels; aggregate with by (store) or drop it from the text',
        path: rulePath('Orders', 'labels', 'store'),
        at: rule,
        span: 'sum(rate(shop_orders_total[5m])) > 1',
      },
    ]);
  });

  it('fires on .Labels.x and index $labels "x" in labels too', () => {
    const rule = alert({
      ...basics,
      name: 'Carts',
      expr: 'sum by (store) (shop_cart_items) > 100',
      labels: { severity: 'warning', team: '{{ .Labels.team }}', host: '{{ index $labels "instance" }}' },
    });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert Carts uses {{ $labels.team }} in label team, but its expression does not keep "team": it renders empty',
        hint: 'labels the expression keeps: store; add "team" to by (…) or drop it from the text',
        path: rulePath('Carts', 'labels', 'team'),
        at: rule,
        span: 'sum by (store) (shop_cart_items) > 100',
      },
      {
        severity: 'error',
        message: 'alert Carts uses {{ $labels.instance }} in label host, but its expression does not keep "instance": it renders empty',
        hint: 'labels the expression keeps: store; add "instance" to by (…) or drop it from the text',
        path: rulePath('Carts', 'labels', 'host'),
        at: rule,
        span: 'sum by (store) (shop_cart_items) > 100',
      },
    ]);
  });

  it('fires on a label template over a one-to-one match on (…) that drops the label', () => {
    const rule = alert({
      ...basics,
      name: 'Ratio',
      expr: 'sum by (store, status) (rate(shop_orders_total[5m])) / on (store) group_left sum by (store) (rate(shop_payments_total[5m])) > 2 and on (store) sum by (store) (shop_cart_items) > 0',
      labels: { severity: 'warning', team: 'team-{{ $labels.team }}' },
    });
    expect(findings(ID, shop({ rules: [rule] })).map((d) => [d.message, d.path])).toEqual([
      ['alert Ratio uses {{ $labels.team }} in label team, but its expression does not keep "team": it renders empty', rulePath('Ratio', 'labels', 'team')],
    ]);
  });

  it('stays quiet when the labels are not bounded (a series outside the catalogue, not aggregated)', () => {
    const rule = alert({ ...basics, name: 'Other', expr: 'rate(other_total[5m]) > 1', labels: { severity: 'warning', shop: '{{ $labels.store }}' } });
    expect(findings(ID, shop({ rules: [rule] }))).toEqual([]);
  });

  it('fires over an aggregation of a series outside the catalogue: only its by (…) labels are left', () => {
    const rule = alert({ ...basics, name: 'Other', expr: 'sum by (x) (other_total) > 1', labels: { severity: 'warning', shop: '{{ $labels.store }} {{ $labels.x }}' } });
    expect(findings(ID, shop({ rules: [rule] })).map((d) => d.message)).toEqual([
      'alert Other uses {{ $labels.store }} in label shop, but its expression does not keep "store": it renders empty',
    ]);
  });

  it('stays quiet on labels the expression keeps', () => {
    const rule = alert({ ...basics, name: 'Orders', expr: 'sum by (store) (rate(shop_orders_total[5m])) > 1', labels: { severity: 'warning', shop: 'store-{{ $labels.store }}' } });
    expect(findings(ID, shop({ rules: [rule] }))).toEqual([]);
  });
});

describe('alert/unknown-external-label', () => {
  const ID = 'alert/unknown-external-label';
  const global = { externalLabels: { cluster: 'eu-1', region: 'eu' } };

  it('fires on $externalLabels.x in an annotation where no external label x exists', () => {
    const rule = alert({ ...basics, name: 'Orders', expr: 'rate(shop_orders_total[5m]) > 1', annotations: { ...basics.annotations, description: 'In {{ $externalLabels.clustr }}' } });
    expectFindings(findings(ID, shop({ rules: [rule], global })), [
      {
        severity: 'error',
        message: 'alert Orders uses {{ $externalLabels.clustr }} in description, but Prometheus has no external label "clustr": it renders empty. Did you mean "cluster"?',
        hint: 'external labels: cluster, region',
        path: rulePath('Orders', 'annotations', 'description'),
        at: rule,
      },
    ]);
  });

  it('fires in a label, and with .ExternalLabels', () => {
    const rule = alert({
      ...basics,
      name: 'Orders',
      expr: 'rate(shop_orders_total[5m]) > 1',
      labels: { severity: 'warning', dc: '{{ $externalLabels.datacenter }}' },
      annotations: { ...basics.annotations, summary: 'Orders in {{ .ExternalLabels.zone }}' },
    });
    expectFindings(findings(ID, shop({ rules: [rule], global })), [
      {
        severity: 'error',
        message: 'alert Orders uses {{ $externalLabels.datacenter }} in label dc, but Prometheus has no external label "datacenter": it renders empty',
        hint: 'external labels: cluster, region',
        path: rulePath('Orders', 'labels', 'dc'),
        at: rule,
      },
      {
        severity: 'error',
        message: 'alert Orders uses {{ $externalLabels.zone }} in summary, but Prometheus has no external label "zone": it renders empty',
        hint: 'external labels: cluster, region',
        path: rulePath('Orders', 'annotations', 'summary'),
        at: rule,
      },
    ]);
  });

  it('fires when the project has no external labels at all, and says how to declare one', () => {
    const rule = alert({ ...basics, name: 'Orders', expr: 'rate(shop_orders_total[5m]) > 1', annotations: { ...basics.annotations, description: '{{ index $externalLabels "cluster" }}' } });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert Orders uses {{ $externalLabels.cluster }} in description, but Prometheus has no external label "cluster": it renders empty',
        hint: "declare it: prometheus: { global: { externalLabels: { cluster: '…' } } }",
        path: rulePath('Orders', 'annotations', 'description'),
        at: rule,
      },
    ]);
  });

  it('stays quiet on text that only looks alike (no template), and without alerts', () => {
    const rule = alert({ ...basics, name: 'Plain', expr: 'rate(shop_orders_total[5m]) > 1', annotations: { ...basics.annotations, description: 'see externalLabels.cluster in the docs' } });
    expect(findings(ID, shop({ rules: [rule], global }))).toEqual([]);
    expect(findings(ID, shop({ global }))).toEqual([]);
  });

  it('stays quiet on external labels that exist, and on $labels', () => {
    const rules = [
      alert({ ...basics, name: 'A', expr: 'rate(shop_orders_total[5m]) > 1', annotations: { ...basics.annotations, description: '{{ $externalLabels.cluster }} / {{ .ExternalLabels.region }}' } }),
      alert({ ...basics, name: 'B', expr: 'rate(shop_orders_total[5m]) > 1', annotations: { ...basics.annotations, description: '{{ $labels.store }}' } }),
    ];
    expect(findings(ID, shop({ rules, global }))).toEqual([]);
  });

  it('says "renders empty" only where the text prints the missing name; a name only tested or with a default always reads as empty', () => {
    const annotations = (description: string) => ({ ...basics.annotations, description });
    const rules = [
      alert({ ...basics, name: 'Guarded', expr: 'rate(shop_orders_total[5m]) > 1', annotations: annotations('{{ with $externalLabels.clustr }}{{ . }}{{ else }}unknown{{ end }}') }),
      alert({ ...basics, name: 'Default', expr: 'rate(shop_orders_total[5m]) > 1', annotations: annotations('{{ or .ExternalLabels.zone "eu" }}') }),
      alert({ ...basics, name: 'Variable', expr: 'rate(shop_orders_total[5m]) > 1', annotations: annotations('{{ $e := $externalLabels }}{{ $e.dc | toUpper }}') }),
      alert({ ...basics, name: 'Known', expr: 'rate(shop_orders_total[5m]) > 1', annotations: annotations('{{ with $externalLabels.cluster }}{{ . }}{{ end }} {{ or $externalLabels.region "eu" }}') }),
    ];
    expect(findings(ID, shop({ rules, global })).map((d) => d.message)).toEqual([
      'alert Guarded uses {{ $externalLabels.clustr }} in description, but Prometheus has no external label "clustr": it always reads as empty (a test of it is false, a default is taken). Did you mean "cluster"?',
      'alert Default uses {{ $externalLabels.zone }} in description, but Prometheus has no external label "zone": it always reads as empty (a test of it is false, a default is taken)',
      'alert Variable uses {{ $externalLabels.dc }} in description, but Prometheus has no external label "dc": it renders empty',
    ]);
  });
});

describe('alert/value-label-with-for', () => {
  const ID = 'alert/value-label-with-for';

  it('fires on {{ $value }} in a label of an alert with for', () => {
    const rule = alert({ ...basics, name: 'Carts', expr: 'shop_cart_items > 100', labels: { severity: 'warning', items: '{{ $value }}' } });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert Carts puts the query value into label items and waits for: 10m; each new value is a new alert whose wait starts over, so it never fires while the value changes',
        hint: "move the value into an annotation: annotations: { description: '… {{ $value }} …' }",
        path: rulePath('Carts', 'labels', 'items'),
        at: rule,
      },
    ]);
  });

  it('fires on humanize $value and .Value', () => {
    const rule = alert({
      ...basics,
      name: 'Carts',
      for: '2m',
      expr: 'shop_cart_items > 100',
      labels: { severity: 'warning', items: '{{ $value | humanize }}', raw: '{{ .Value }}' },
    });
    expect(findings(ID, shop({ rules: [rule] })).map((d) => [d.severity, d.path])).toEqual([
      ['error', rulePath('Carts', 'labels', 'items')],
      ['error', rulePath('Carts', 'labels', 'raw')],
    ]);
  });

  it('fires with a for written in hours', () => {
    const rule = alert({ ...basics, name: 'Carts', for: '1h', expr: 'shop_cart_items > 100', labels: { severity: 'warning', level: 'items {{ printf "%.0f" $value }}' } });
    expect(findings(ID, shop({ rules: [rule] })).map((d) => d.message)).toEqual([
      'alert Carts puts the query value into label level and waits for: 1h; each new value is a new alert whose wait starts over, so it never fires while the value changes',
    ]);
  });

  it('stays quiet on labels that only mention a value by name, and on $labels in a label', () => {
    const rules = [
      alert({ ...basics, name: 'Named', expr: 'shop_cart_items > 100', labels: { severity: 'warning', kind: 'value-based' } }),
      alert({ ...basics, name: 'Store', expr: 'shop_cart_items > 100', labels: { severity: 'warning', shop: '{{ $labels.store }}' } }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet on $value in annotations, and on an alert without for (alert/fragile-expression warns there)', () => {
    const rules = [
      alert({ ...basics, name: 'InText', expr: 'shop_cart_items > 100', annotations: { ...basics.annotations, description: '{{ $value }} items' } }),
      alert({ ...basics, name: 'NoFor', for: undefined, expr: 'shop_cart_items > 100', labels: { severity: 'warning', items: '{{ $value }}' } }),
      alert({ ...basics, name: 'ZeroFor', for: '0s', expr: 'shop_cart_items > 100', labels: { severity: 'warning', items: '{{ $value }}' } }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});

describe('alert/template-label-dropped follows the labels through the template', () => {
  const ID = 'alert/template-label-dropped';
  const expr = 'sum by (store) (rate(shop_orders_total[5m])) > 1';
  const dropped = (annotations: Record<string, string>) =>
    findings(ID, shop({ rules: [alert({ ...basics, name: 'Orders', expr, annotations: { ...basics.annotations, ...annotations } })] })).map((d) => d.message);
  const message = (label: string, field: string) => `alert Orders uses {{ $labels.${label} }} in ${field}, but its expression does not keep "${label}": it renders empty`;

  it('fires on labels read through a variable holding them, the dot of a with, a parenthesized pipeline, $ and index', () => {
    expect(
      dropped({
        variable: '{{ $l := $labels }}{{ $l.instance }} in {{ $l.store }}',
        fromData: '{{ $m := .Labels }}{{ $m.job }}',
        chained: '{{ $a := $labels }}{{ $b := $a }}{{ $b.pod }}',
        withDot: '{{ with $labels }}{{ .team }} / {{ .store }}{{ end }}',
        withDeclared: '{{ with $w := .Labels }}{{ $w.zone }}{{ end }}',
        root: '{{ $.Labels.region }} {{ (.Labels).node }}',
        indexed: '{{ $l := $labels }}{{ index $l "cluster" }} {{ with $labels }}{{ index . "env" }}{{ end }}',
        inRange: '{{ range query "up" }}{{ $labels.service }}{{ end }}',
      }),
    ).toEqual([
      message('instance', 'variable'),
      message('job', 'fromData'),
      message('pod', 'chained'),
      message('team', 'withDot'),
      message('zone', 'withDeclared'),
      message('region', 'root'),
      message('node', 'root'),
      message('cluster', 'indexed'),
      message('env', 'indexed'),
      message('service', 'inRange'),
    ]);
  });

  it('stays quiet where the dot or a variable no longer holds the alert labels', () => {
    expect(
      dropped({
        // Inside range, the dot is a query result's sample: its .Labels are not the alert's.
        queried: '{{ range query "up" }}{{ .Labels.instance }}{{ end }}',
        queriedWith: '{{ with query "up" }}{{ (. | first).Labels.instance }}{{ end }}',
        // with on one label: the dot is its value.
        oneLabel: '{{ with $labels.store }}{{ . }}{{ end }}',
        // else of with: the dot is the data again; with on one label: its value, no labels map.
        otherwise: '{{ with $labels.store }}{{ . }}{{ else }}{{ .Labels.store }}{{ end }}{{ with .Labels.store }}{{ .team }}{{ end }}',
        // Reassigned in a block: may hold either value, not followed.
        reassigned: '{{ $l := $labels }}{{ if true }}{{ $l = "x" }}{{ end }}{{ $l.foo }}',
        ranged: '{{ range $k, $v := $labels }}{{ $k }}={{ $v }}{{ end }}',
        text: 'not a template: $labels.instance',
        kept: '{{ $l := $labels }}{{ $l.store }} {{ with .Labels }}{{ .store }}{{ end }}',
      }),
    ).toEqual([]);
  });
});

describe('alert/template-label-dropped reports only text that renders empty: a missing label Go\'s template handles is no finding', () => {
  const ID = 'alert/template-label-dropped';
  // The expression keeps store only: team and owner are dropped.
  const expr = 'sum by (store) (rate(shop_orders_total[5m])) > 1';
  const dropped = (annotations: Record<string, string>) =>
    findings(ID, shop({ rules: [alert({ ...basics, name: 'Orders', expr, annotations: { ...basics.annotations, ...annotations } })] })).map((d) => d.message);
  const message = (label: string, field: string) => `alert Orders uses {{ $labels.${label} }} in ${field}, but its expression does not keep "${label}": it renders empty`;

  it('stays quiet where with, if, else, or, and, eq, ne and not keep an empty label from being printed', () => {
    expect(
      dropped({
        withElse: '{{ with $labels.team }}{{ . }}{{ else }}no team{{ end }}',
        withOnly: '{{ with $labels.team }}team {{ . }}{{ end }}',
        withDeclared: '{{ with $t := $labels.team }}{{ $t }}{{ else }}no team{{ end }}',
        ifElse: '{{ if $labels.team }}{{ $labels.team }}{{ else }}n/a{{ end }}',
        ifOnly: '{{ if .Labels.team }}team={{ .Labels.team }}{{ end }}',
        elseWith: '{{ with $labels.owner }}{{ . }}{{ else with $labels.team }}{{ . }}{{ else }}nobody{{ end }}',
        elseIf: '{{ if $labels.owner }}{{ $labels.owner }}{{ else if $labels.team }}{{ $labels.team }}{{ end }}',
        orDefault: '{{ or $labels.team "n/a" }}',
        orKept: '{{ or $labels.team $labels.store }}',
        orFirst: '{{ $labels.team | or "x" }}',
        orVariable: '{{ $t := or $labels.team "none" }}{{ $t }}',
        orIndex: '{{ or (index $labels "team") .Labels.owner "n/a" | toUpper }}',
        andCondition: '{{ if and $labels.team $labels.store }}{{ $labels.team }}/{{ $labels.store }}{{ end }}',
        eqCondition: '{{ if eq $labels.team "db" "cache" }}{{ $labels.team }} team{{ end }}',
        neEmpty: '{{ if ne $labels.team "" }}{{ $labels.team }}{{ end }}',
        eqEmptyElse: '{{ if eq .Labels.team "" }}none{{ else }}{{ .Labels.team }}{{ end }}',
        notElse: '{{ if not $labels.team }}no team{{ else }}{{ $labels.team }}{{ end }}',
        pipedNot: '{{ if $labels.team | not }}no team{{ else }}{{ $labels.team }}{{ end }}',
        orCondition: '{{ if or $labels.team $labels.owner }}{{ or $labels.team $labels.owner }}{{ end }}',
        conditionOnly: '{{ if $labels.team }}has a team{{ end }}{{ if eq $labels.owner "me" }}mine{{ end }}',
        declaredOnly: '{{ $t := $labels.team }}',
        transformed: '{{ with $labels.team }}{{ printf "team %s" . | toUpper }}{{ end }}',
        nested: '{{ if $labels.store }}{{ with $labels.team }}{{ $labels.store }}/{{ . }}{{ end }}{{ end }}',
        viaVariable: '{{ $t := $labels.team }}{{ if $t }}{{ $t }}{{ end }}',
      }),
    ).toEqual([]);
  });

  it('fires where the empty value is printed all the same', () => {
    expect(
      dropped({
        elseBranch: '{{ if $labels.team }}ok{{ else }}{{ $labels.team }}{{ end }}',
        and: '{{ and $labels.team "x" }}',
        orEmpty: '{{ or $labels.owner "" }}',
        orAllDropped: '{{ or .Labels.team .Labels.owner }}',
        guardedByKept: '{{ if $labels.store }}{{ $labels.team }}{{ end }}',
        withKept: '{{ with $labels.store }}{{ $labels.owner }}{{ end }}',
        printedVariable: '{{ $t := $labels.team }}{{ $t }}',
        piped: '{{ $labels.owner | toUpper }}',
        eqOther: '{{ if eq $labels.store "x" }}{{ $labels.team }}{{ end }}',
        notGuard: '{{ if not $labels.owner }}{{ $labels.owner }}{{ end }}',
      }),
    ).toEqual([
      message('team', 'elseBranch'),
      message('team', 'and'),
      message('owner', 'orEmpty'),
      message('team', 'orAllDropped'),
      message('owner', 'orAllDropped'),
      message('team', 'guardedByKept'),
      message('owner', 'withKept'),
      message('team', 'printedVariable'),
      message('owner', 'piped'),
      message('team', 'eqOther'),
      message('owner', 'notGuard'),
    ]);
  });

  it('reads match, len and comparisons as guards of the label they test, and of no other (round 28)', () => {
    expect(
      dropped({
        matchGuard: '{{ if match "^db-" $labels.team }}{{ $labels.team }}{{ end }}',
        lenGuard: '{{ if gt (len $labels.team) 0 }}{{ $labels.team }}{{ end }}',
        lenElse: '{{ if eq (len .Labels.owner) 0 }}none{{ else }}{{ .Labels.owner }}{{ end }}',
        literalFirst: '{{ if ne "" $labels.team }}{{ $labels.team }}{{ end }}',
        matchEmptyElse: '{{ if match "^$" $labels.owner }}none{{ else }}{{ $labels.owner }}{{ end }}',
      }),
    ).toEqual([]);
    expect(
      dropped({
        matchOther: '{{ if match "^eu" $labels.store }}{{ $labels.team }}{{ end }}',
        lenOther: '{{ if gt (len $labels.store) 0 }}{{ $labels.owner }}{{ end }}',
        matchElse: '{{ if match "^db-" $labels.team }}db{{ else }}{{ $labels.team }}{{ end }}',
        matchesEmpty: '{{ if match "x*" $labels.owner }}{{ $labels.owner }}{{ end }}',
      }),
    ).toEqual([message('team', 'matchOther'), message('owner', 'lenOther'), message('team', 'matchElse'), message('owner', 'matchesEmpty')]);
  });

  it('follows the data passed to a template the text defines into its body (round 28)', () => {
    expect(
      dropped({
        notPrinted: '{{ define "t" }}see the runbook{{ end }}{{ template "t" $labels.team }}',
        guarded: '{{ define "t" }}{{ with . }}team {{ . }}{{ end }}{{ end }}{{ template "t" $labels.team }}',
        undefinedHere: '{{ template "elsewhere" $labels.team }}',
      }),
    ).toEqual([]);
    expect(
      dropped({
        printed: '{{ define "t" }}team {{ . }}{{ end }}{{ template "t" $labels.team }}',
        printedField: '{{ template "t" . }}{{ define "t" }}owner {{ .Labels.owner }}{{ end }}',
      }),
    ).toEqual([message('team', 'printed'), message('owner', 'printedField')]);
  });
});
