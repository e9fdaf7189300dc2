import { describe, expect, it } from 'vitest';
import { alertLabelReferences, labelsRenderedEmpty } from '../../src/gotemplate/label-references.js';

describe('alertLabelReferences: the alert labels a Prometheus alert template reads', () => {
  it('reads fields of the labels map wherever it is held, in the order variable fields, dot fields, index', () => {
    expect(alertLabelReferences('{{ index $labels "a" }} {{ .Labels.b }} {{ $labels.c }} {{ $labels.c }}')).toEqual(['c', 'b', 'a']);
    expect(alertLabelReferences('{{- $l := $labels -}}{{ $l.a | toUpper }} {{ printf "%s" $l.b }} {{ reReplaceAll "x" "y" (index $l "c") }}')).toEqual(['a', 'b', 'c']);
    expect(alertLabelReferences('{{ with $labels }}{{ if .a }}{{ .b }}{{ end }}{{ range $x := . }}{{ .c }}{{ end }}{{ end }}')).toEqual(['a', 'b']);
    expect(alertLabelReferences('{{ with $ }}{{ .Labels.a }}{{ end }}{{ block "x" $labels }}{{ .b }}{{ end }}')).toEqual(['a', 'b']);
  });

  it('reads nothing where the labels map is not what is read', () => {
    expect(alertLabelReferences('{{ define "x" }}{{ .Labels.a }}{{ $labels.b }}{{ end }}{{ $labels.c }}')).toEqual(['c']);
    expect(alertLabelReferences('{{ $value }} {{ .Labels }} {{ $externalLabels.cluster }} {{ .ExternalLabels.b }}')).toEqual([]);
    expect(alertLabelReferences('{{ $labels | len }} {{ ($labels | first).a }}')).toEqual([]);
    expect(alertLabelReferences('{{ $l := $labels }}{{ with .Value }}{{ $l := 1 }}{{ end }}{{ $l.a }}')).toEqual(['a']);
    expect(alertLabelReferences('{{ $labels.a')).toEqual([]);
  });
});

describe('labelsRenderedEmpty: the missing labels a Prometheus alert template prints as ""', () => {
  const none = new Set<string>();
  const kept = (...labels: string[]) => new Set(labels);

  it('prints what an action outputs, not what it tests or declares, in the order of alertLabelReferences', () => {
    expect(labelsRenderedEmpty('{{ index $labels "a" }} {{ .Labels.b }} {{ $labels.c }}', none)).toEqual(['c', 'b', 'a']);
    expect(labelsRenderedEmpty('{{ $x := $labels.a }}{{ if $labels.b }}{{ end }}{{ if eq $labels.c "x" }}{{ end }}{{ len $labels.d }}{{ match "x" $labels.e }}', none)).toEqual([]);
    expect(labelsRenderedEmpty('{{ $x := $labels.a }}{{ $x | title }}', none)).toEqual(['a']);
    expect(alertLabelReferences('{{ $x := $labels.a }}{{ if $labels.b }}{{ end }}')).toEqual(['a', 'b']);
  });

  it('follows or, and, with, if, else if, else with and not, and what holds in each branch', () => {
    expect(labelsRenderedEmpty('{{ or $labels.a $labels.b }}', kept('b'))).toEqual([]);
    expect(labelsRenderedEmpty('{{ or $labels.a $labels.b }}', none)).toEqual(['a', 'b']);
    expect(labelsRenderedEmpty('{{ or $labels.a $value $labels.b }}', none)).toEqual([]);
    expect(labelsRenderedEmpty('{{ and $labels.a $labels.b }}', kept('a'))).toEqual(['b']);
    expect(labelsRenderedEmpty('{{ with $labels.a }}{{ $labels.b }}{{ end }}', kept('a'))).toEqual(['b']);
    expect(labelsRenderedEmpty('{{ with $labels.a }}{{ $labels.b }}{{ end }}', kept('b'))).toEqual([]);
    expect(labelsRenderedEmpty('{{ if not $labels.a }}{{ else }}{{ $labels.b }}{{ end }}', none)).toEqual([]);
    expect(labelsRenderedEmpty('{{ if $labels.a }}{{ else if $labels.b }}{{ else }}{{ $labels.c }}{{ end }}', none)).toEqual(['c']);
    expect(labelsRenderedEmpty('{{ if or $labels.a $labels.b }}{{ $labels.c }}{{ end }}', kept('b'))).toEqual(['c']);
    expect(labelsRenderedEmpty('{{ if or $labels.a $labels.b }}{{ $labels.c }}{{ end }}', none)).toEqual([]);
    expect(labelsRenderedEmpty('{{ if and (ne $labels.a "") (eq $labels.b "x") }}{{ $labels.c }}{{ end }}', kept('a'))).toEqual([]);
    // After the block, its clauses no longer hold.
    expect(labelsRenderedEmpty('{{ if $labels.a }}{{ end }}{{ $labels.a }}', none)).toEqual(['a']);
  });

  it('takes the data passed to a template as printed, and a define\'s body without the clauses around it', () => {
    expect(labelsRenderedEmpty('{{ template "x" $labels.a }}', none)).toEqual(['a']);
    expect(labelsRenderedEmpty('{{ if $labels.a }}{{ block "x" $labels }}{{ .b }}{{ end }}{{ end }}', kept('a'))).toEqual(['b']);
  });
});
