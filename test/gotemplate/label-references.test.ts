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

  it('reads a block\'s body where it is written, under the clauses around it', () => {
    expect(labelsRenderedEmpty('{{ if $labels.a }}{{ block "x" $labels }}{{ .b }}{{ end }}{{ end }}', kept('a'))).toEqual(['b']);
    expect(labelsRenderedEmpty('{{ if $labels.a }}{{ block "x" $labels }}{{ .b }}{{ end }}{{ end }}', none)).toEqual([]);
    expect(labelsRenderedEmpty('{{ block "x" $labels }}{{ .b }}{{ end }}{{ if $labels.a }}{{ template "x" $labels }}{{ end }}', kept('a'))).toEqual(['b']);
  });
});

describe('labelsRenderedEmpty: conditions made of match, len, comparisons and text functions guard what they test', () => {
  const none = new Set<string>();
  const kept = (...labels: string[]) => new Set(labels);
  const empty = (text: string, ...labels: string[]) => labelsRenderedEmpty(text, kept(...labels));

  it('match: a regex no empty text matches guards its branch, one the empty text matches guards the else', () => {
    expect(empty('{{ if match "^x" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if $labels.foo | match "." }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if match "(?i)^DB-" (index $labels "foo") }}{{ .Labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if match "^x" $labels.foo }}{{ else }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
    expect(empty('{{ if match "^$" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
    expect(empty('{{ if match ".*" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
    expect(empty('{{ if match "^$" $labels.foo }}{{ else }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if not (match "x?" $labels.foo) }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    // A regex Go reads but JavaScript does not: nothing known, the print is reported.
    expect(empty('{{ if match "\\\\C" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
  });

  it('len: a length above 0 guards, a length of 0 guards the else; through comparisons either way round', () => {
    for (const test of ['len $labels.foo', 'gt (len $labels.foo) 0', 'ge (len $labels.foo) 1', 'lt 0 (len $labels.foo)', 'le 2 (len $labels.foo)', 'ne (len $labels.foo) 0', 'eq (len $labels.foo) 3 4', '$labels.foo | len', 'gt ($labels.foo | len) 0']) {
      expect(empty(`{{ if ${test} }}{{ $labels.foo }}{{ end }}`), test).toEqual([]);
      expect(empty(`{{ if ${test} }}{{ else }}{{ $labels.foo }}{{ end }}`), test).toEqual(['foo']);
    }
    for (const test of ['eq (len $labels.foo) 0', 'lt (len $labels.foo) 1', 'le (len $labels.foo) 0', 'not (len $labels.foo)', 'eq 0 (len $labels.foo)']) {
      expect(empty(`{{ if ${test} }}{{ $labels.foo }}{{ end }}`), test).toEqual(['foo']);
      expect(empty(`{{ if ${test} }}{{ else }}{{ $labels.foo }}{{ end }}`), test).toEqual([]);
    }
    // Tests that hold of an empty value too guard nothing.
    for (const test of ['ge (len $labels.foo) 0', 'gt (len $labels.foo) -1', 'lt (len $labels.foo) 5', 'ne (len $labels.foo) 1', 'len $labels']) {
      expect(empty(`{{ if ${test} }}{{ $labels.foo }}{{ end }}`), test).toEqual(['foo']);
    }
  });

  it('eq and ne with the literal first, and text functions that keep a value empty exactly when it is', () => {
    expect(empty('{{ if ne "" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if eq "db" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if eq "db" $labels.foo $labels.bar }}{{ $labels.foo }}{{ end }}', 'bar')).toEqual(['foo']);
    expect(empty('{{ if eq "" $labels.foo }}{{ else }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if eq "" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
    expect(empty('{{ if toUpper $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if printf "%s" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ if gt (len (title $labels.foo)) 0 }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    // A text that is never empty tests nothing.
    expect(empty('{{ if printf "x%s" $labels.foo }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
    expect(empty('{{ if gt (len (printf "x%s" $labels.foo)) 0 }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
  });

  it('a condition kept in a variable guards where it is tested', () => {
    expect(empty('{{ $n := len $labels.foo }}{{ if $n }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ $ok := match "^x" $labels.foo }}{{ if $ok }}{{ $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ $ok := match "^x" $labels.foo }}{{ if not $ok }}{{ $labels.foo }}{{ end }}')).toEqual(['foo']);
  });

  it('a guard on another label guards nothing', () => {
    for (const test of ['match "^x" $labels.bar', 'gt (len $labels.bar) 0', 'ne $labels.bar ""', 'ne "" $labels.bar', 'len $labels.bar', 'toUpper $labels.bar']) {
      // Where bar is kept the branch runs, and prints foo empty; where neither is, it never runs.
      expect(empty(`{{ if ${test} }}{{ $labels.foo }}{{ end }}`, 'bar'), test).toEqual(['foo']);
      expect(empty(`{{ if ${test} }}{{ $labels.foo }}{{ end }}`, 'foo'), test).toEqual([]);
      expect(empty(`{{ if ${test} }}{{ $labels.foo }}{{ end }}`), test).toEqual([]);
    }
    expect(labelsRenderedEmpty('{{ if match "^x" $labels.foo }}{{ end }}{{ $labels.foo }}', none)).toEqual(['foo']);
  });
});

describe('labelsRenderedEmpty: the data passed to a template defined in the same text', () => {
  const kept = (...labels: string[]) => new Set(labels);
  const empty = (text: string, ...labels: string[]) => labelsRenderedEmpty(text, kept(...labels));

  it('is printed where the defined template prints its dot, wherever the define is written', () => {
    expect(empty('{{ define "x" }}{{ . }}{{ end }}{{ template "x" $labels.foo }}')).toEqual(['foo']);
    expect(empty('{{ template "x" $labels.foo }}{{ define "x" }}[{{ . | toUpper }}]{{ end }}')).toEqual(['foo']);
    expect(empty('{{ define "x" }}{{ .foo }}{{ end }}{{ template "x" $labels }}')).toEqual(['foo']);
    expect(empty('{{ define "x" }}{{ .Labels.foo }} {{ $.Labels.bar }}{{ end }}{{ template "x" . }}')).toEqual(['foo', 'bar']);
    expect(empty('{{ define "x" }}{{ template "y" .foo }}{{ end }}{{ define "y" }}{{ . }}{{ end }}{{ template "x" $labels }}')).toEqual(['foo']);
    expect(alertLabelReferences('{{ define "x" }}{{ .Labels.a }}{{ end }}{{ template "x" . }}{{ define "y" }}{{ .Labels.b }}{{ end }}')).toEqual(['a']);
  });

  it('is not printed where the template does not print it, or only where it is there', () => {
    expect(empty('{{ define "x" }}hello{{ end }}{{ template "x" $labels.foo }}')).toEqual([]);
    expect(empty('{{ define "x" }}{{ if . }}{{ . }}{{ end }}{{ end }}{{ template "x" $labels.foo }}')).toEqual([]);
    expect(empty('{{ define "x" }}{{ with .foo }}{{ . }}{{ end }}{{ end }}{{ template "x" $labels }}')).toEqual([]);
    expect(empty('{{ define "x" }}{{ len . }}{{ end }}{{ template "x" $labels.foo }}')).toEqual([]);
    expect(empty('{{ define "x" }}{{ .foo }}{{ end }}{{ template "x" $labels }}', 'foo')).toEqual([]);
  });

  it('runs under the conditions of the call', () => {
    expect(empty('{{ define "x" }}{{ . }}{{ end }}{{ if $labels.foo }}{{ template "x" $labels.foo }}{{ end }}')).toEqual([]);
    expect(empty('{{ define "x" }}{{ .foo }}{{ end }}{{ if $labels.bar }}{{ template "x" $labels }}{{ end }}', 'bar')).toEqual(['foo']);
    // A template that calls itself is read once per call chain.
    expect(empty('{{ define "x" }}{{ .foo }}{{ template "x" . }}{{ end }}{{ template "x" $labels }}')).toEqual(['foo']);
  });

  it('is left alone where the template is not defined in the text (Prometheus fails that expansion; alert/template-syntax says so)', () => {
    expect(empty('{{ template "elsewhere" $labels.foo }}')).toEqual([]);
    expect(empty('{{ template "elsewhere" . }}')).toEqual([]);
  });
});
