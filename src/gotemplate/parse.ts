/**
 * A parse check of Go's text/template, following the rules of Go's text/template/parse (Go 1.18 to 1.25):
 * every action closed, every `{{ if }}`/`{{ range }}`/`{{ with }}`/`{{ define }}`/`{{ block }}`
 * closed by `{{ end }}`, `{{ else }}` and `{{ end }}` only where they belong, functions known to the
 * program that evaluates the template in the target version (a dialect: src/gotemplate/functions.ts),
 * variables declared before use, template names quoted; `{{ else with }}` where the target's Go has it.
 * It reports every problem with its offsets (Go stops at the first), and the templates defined and
 * used, so that checks can compare names across files.
 */
import { lexTemplate, unquote, type Action, type Token } from './lex.js';
import { whyMissing, type TemplateDialect } from './functions.js';

export interface TemplateProblem {
  from: number;
  to: number;
  message: string;
}

export interface TemplateName {
  name: string;
  from: number;
  to: number;
}

export interface ParsedTemplate {
  problems: TemplateProblem[];
  /** `{{ define "x" }}` and `{{ block "x" . }}`. */
  defines: TemplateName[];
  /** `{{ template "x" . }}` and `{{ block "x" . }}`. */
  uses: TemplateName[];
}

type BlockKind = 'if' | 'with' | 'range' | 'define' | 'block';

interface OpenBlock {
  kind: BlockKind;
  from: number;
  to: number;
  /** Variables visible when the block opened (restored at its end). */
  vars: string[];
  hadElse: boolean;
}

/** `line 2, column 5` in a text of several lines, `column 5` in one line. */
export function positionOf(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
}

/** Line (1-based) and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const describe = (t: Token | undefined) => (t ? JSON.stringify(t.text) : 'end of action');

/** "function "toJson" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.30 or later". */
function unknownFunction(dialect: TemplateDialect, name: string): string {
  const gate = dialect.otherFunctions.get(name);
  const base = `function ${JSON.stringify(name)} not defined in ${dialect.name}`;
  return gate ? `${base}, the target version: ${whyMissing(dialect.program, gate, dialect.target)}` : base;
}

export function parseGoTemplate(text: string, dialect: TemplateDialect): ParsedTemplate {
  const lexed = lexTemplate(text);
  const problems: TemplateProblem[] = [...lexed.problems];
  const defines: TemplateName[] = [];
  const uses: TemplateName[] = [];
  const stack: OpenBlock[] = [];
  let vars = ['$', ...dialect.variables];

  const problem = (from: number, to: number, message: string) => problems.push({ from, to, message });
  const inRange = () => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const kind = stack[i]!.kind;
      if (kind === 'range') return true;
      if (kind === 'define' || kind === 'block') return false;
    }
    return false;
  };

  /** Parses a pipeline from `tokens[i]`; returns the index after it (at `)` or the end). */
  function pipeline(tokens: Token[], i: number, context: string, allowDeclare: 0 | 1 | 2, stopAtParen: boolean): number {
    // Declarations: `$x :=`, `$x =`, and in range `$i, $e :=`.
    const declared: string[] = [];
    const t0 = tokens[i];
    if (t0?.kind === 'variable') {
      const next = tokens[i + 1];
      if (next?.kind === 'declare' || next?.kind === 'assign') {
        // Go's parser lets this through; it fails at every execution.
        if (next.kind === 'assign' && !vars.includes(t0.text)) problem(t0.from, t0.to, `undefined variable ${JSON.stringify(t0.text)} (assigned with = before any :=)`);
        if (next.kind === 'declare') declared.push(t0.text);
        i += 2;
      } else if (next?.kind === 'comma' && tokens[i + 2]?.kind === 'variable' && ['declare', 'assign'].includes(tokens[i + 3]?.kind ?? '')) {
        if (allowDeclare < 2) problem(t0.from, tokens[i + 2]!.to, `too many declarations in ${context}`);
        declared.push(t0.text, tokens[i + 2]!.text);
        i += 4;
      }
    }
    let stage = 0;
    for (;;) {
      stage++;
      const start = i;
      let operands = 0;
      while (i < tokens.length) {
        const t = tokens[i]!;
        if (t.kind === 'pipe' || (t.kind === 'rightParen' && stopAtParen)) break;
        if (operands === 0 && stage > 1 && ['bool', 'dot', 'nil', 'number', 'string', 'rawString', 'char'].includes(t.kind)) {
          problem(t.from, t.to, `non executable command in pipeline stage ${stage}: ${describe(t)} is a value, not a function`);
        }
        i = operand(tokens, i, context);
        operands++;
      }
      // Go accepts a trailing `|` with nothing after it (`{{ .A | }}`); an empty first stage it refuses.
      if (operands === 0 && stage === 1) {
        const at = tokens[start] ?? tokens[start - 1];
        problem(at?.from ?? 0, at?.to ?? 0, context === 'command' ? 'missing value for command' : `missing value for ${context}`);
      }
      if (tokens[i]?.kind !== 'pipe') break;
      i++;
    }
    vars.push(...declared);
    return i;
  }

  /** One operand (term plus fields); returns the index after it. */
  function operand(tokens: Token[], i: number, context: string): number {
    const t = tokens[i]!;
    switch (t.kind) {
      case 'identifier':
        if (!dialect.functions.has(t.text)) problem(t.from, t.to, unknownFunction(dialect, t.text));
        i++;
        break;
      case 'variable':
        if (!vars.includes(t.text)) problem(t.from, t.to, `undefined variable ${JSON.stringify(t.text)}`);
        i++;
        break;
      case 'leftParen': {
        const end = pipeline(tokens, i + 1, 'parenthesized pipeline', 0, true);
        if (tokens[end]?.kind !== 'rightParen') {
          problem(t.from, t.to, 'unclosed left paren');
          return tokens.length;
        }
        i = end + 1;
        break;
      }
      case 'keyword':
        problem(t.from, t.to, `unexpected ${JSON.stringify(t.text)} in ${context}`);
        return i + 1;
      case 'rightParen':
        problem(t.from, t.to, 'unexpected right paren');
        return i + 1;
      case 'declare':
      case 'assign':
      case 'comma':
        problem(t.from, t.to, `unexpected ${JSON.stringify(t.text)} in ${context}`);
        return i + 1;
      default:
        i++;
    }
    // Field chains: `.Labels.job`, `$x.Name`, `(…).Name`.
    while (tokens[i]?.kind === 'field' && tokens[i]!.from === tokens[i - 1]!.to) i++;
    return i;
  }

  function expectEnd(tokens: Token[], i: number, context: string): void {
    const extra = tokens[i];
    if (extra) problem(extra.from, tokens.at(-1)!.to, `unexpected ${describe(extra)} in ${context}`);
  }

  function templateName(tokens: Token[], i: number, context: string): TemplateName | undefined {
    const t = tokens[i];
    if (t?.kind !== 'string' && t?.kind !== 'rawString') {
      problem(t?.from ?? 0, t?.to ?? 0, `${context} needs the template name as a quoted string, found ${describe(t)}`);
      return undefined;
    }
    return { name: unquote(t), from: t.from, to: t.to };
  }

  const open = (kind: BlockKind, action: Action) =>
    stack.push({ kind, from: action.from, to: action.to, vars: [...vars], hadElse: false });

  for (const action of lexed.actions) {
    const tokens = action.tokens;
    const head = tokens[0];
    if (!head) {
      problem(action.from, action.to, 'missing value for command: empty action {{ }}');
      continue;
    }
    if (head.kind !== 'keyword') {
      if (head.kind === 'nil' && tokens.length === 1) problem(head.from, head.to, 'nil is not a command');
      const end = pipeline(tokens, 0, 'command', 1, false);
      if (end < tokens.length) problem(tokens[end]!.from, tokens[end]!.to, `unexpected ${describe(tokens[end])} in command`);
      continue;
    }
    const keyword = head.text;
    switch (keyword) {
      case 'if':
      case 'with':
      case 'range': {
        open(keyword, action);
        const end = pipeline(tokens, 1, keyword, keyword === 'range' ? 2 : 1, false);
        expectEnd(tokens, end, keyword);
        break;
      }
      case 'else': {
        const top = stack.at(-1);
        if (!top || !['if', 'with', 'range'].includes(top.kind)) {
          problem(head.from, head.to, `unexpected {{ else }}${top ? ` in {{ ${top.kind} }}` : ': no {{ if }}, {{ with }} or {{ range }} is open'}`);
          break;
        }
        if (top.hadElse) problem(action.from, action.to, `{{ ${top.kind} }} already has an {{ else }}: expected {{ end }}`);
        const next = tokens[1];
        if (next?.kind === 'keyword' && next.text === 'with' && dialect.elseWith !== true) {
          problem(next.from, next.to, `{{ else with }} is not defined in ${dialect.name}, the target version: Go 1.23's text/template added it, and ${whyMissing(dialect.program, dialect.elseWith, dialect.target)}`);
          break;
        }
        if (next?.kind === 'keyword' && next.text === 'with') {
          if (top.kind !== 'with') problem(next.from, next.to, `{{ else with }} is only allowed in a {{ with }} block, not in {{ ${top.kind} }}`);
          const end = pipeline(tokens, 2, 'with', 1, false);
          expectEnd(tokens, end, 'with');
        } else if (next?.kind === 'keyword' && next.text === 'if') {
          if (top.kind !== 'if') problem(next.from, next.to, `{{ else if }} is only allowed in an {{ if }} block, not in {{ ${top.kind} }}`);
          const end = pipeline(tokens, 2, 'if', 1, false);
          expectEnd(tokens, end, 'if');
        } else {
          top.hadElse = true;
          expectEnd(tokens, 1, 'else');
        }
        break;
      }
      case 'end': {
        const top = stack.pop();
        if (!top) problem(head.from, head.to, 'unexpected {{ end }}: no block is open');
        else vars = top.vars;
        expectEnd(tokens, 1, 'end');
        break;
      }
      case 'define':
      case 'block': {
        const name = templateName(tokens, 1, `{{ ${keyword} }}`);
        if (keyword === 'define' && stack.length > 0) {
          problem(head.from, head.to, `{{ define }} is only allowed at the top level, not inside {{ ${stack.at(-1)!.kind} }}`);
        }
        if (name) defines.push(name);
        if (name && keyword === 'block') uses.push(name);
        if (keyword === 'block' && tokens.length > 2) {
          const end = pipeline(tokens, 2, 'block', 0, false);
          expectEnd(tokens, end, 'block');
        } else if (keyword === 'define') expectEnd(tokens, name ? 2 : 1, 'define clause');
        open(keyword, action);
        vars = ['$'];
        break;
      }
      case 'template': {
        const name = templateName(tokens, 1, '{{ template }}');
        if (name) uses.push(name);
        if (name && tokens.length > 2) {
          const end = pipeline(tokens, 2, 'template clause', 0, false);
          expectEnd(tokens, end, 'template clause');
        }
        break;
      }
      case 'break':
      case 'continue':
        if (!inRange()) problem(head.from, head.to, `{{ ${keyword} }} outside {{ range }}`);
        expectEnd(tokens, 1, keyword);
        break;
    }
  }
  for (const block of stack) {
    problem(block.from, block.to, `{{ ${block.kind} }} at ${positionOf(text, block.from)} has no {{ end }}`);
  }
  problems.sort((a, b) => a.from - b.from);
  return { problems, defines, uses };
}
