import { describe, expect, it } from 'vitest';
import { alertLabelReferences } from '../../src/gotemplate/label-references.js';

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
