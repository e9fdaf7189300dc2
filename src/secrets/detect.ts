/**
 * What a secret looks like, by value: credentials in URLs, secret-bearing query parameters and the
 * token formats of the services monitoring talks to. One list of detectors serves both the scan
 * (a definition or generated file holding a secret is refused) and the redaction every report
 * applies (a finding never echoes the secret it is about).
 */

export type SecretClass =
  | 'url-credentials'
  | 'query-parameter'
  | 'webhook-url'
  | 'token'
  | 'private-key'
  | 'secret-field';

export interface SecretMatch {
  class: SecretClass;
  /** What it is, for messages: "password in a URL", "Slack token", … */
  what: string;
  /** The flagged span of the scanned text (`from` inclusive, `to` exclusive). */
  from: number;
  to: number;
  /** The span itself (for allow lists; never printed). */
  text: string;
  /** The secret part of the span (for de-duplication; never printed). */
  secret: string;
  /**
   * The span as reports may show it: the secret part replaced by `***`, and so is any part of another
   * secret found overlapping it (redaction hides the union of every match's secret).
   */
  redacted: string;
  /** What redaction hides, in the scanned text (`hideFrom` inclusive, `hideTo` exclusive): the secret part; a private key's body. */
  hideFrom: number;
  hideTo: number;
}

export const REDACTED = '***';

/** Values that stand for a secret rather than being one: `$TOKEN`, `${token}`, `{{ .x }}`, `<token>`, `***`. */
function isPlaceholder(value: string): boolean {
  return /^(?:\$|\{\{|<|%24|%7B)/i.test(value) || /^[*xX.…-]+$/.test(value) || value.includes(REDACTED);
}

/**
 * A whole literal value (quoted, a field's value, a block scalar) that stands for a secret: a
 * placeholder, or one with a template or variable inside (`Bearer {{ .token }}`, `${PASSWORD}`,
 * `$(cat /run/pw)`, `<your key>`, `<secret>`).
 */
function isLiteralPlaceholder(value: string): boolean {
  return isPlaceholder(value) || /\{\{|\$\{|\$\(|%7B%7B|^\$\w+$|<[\w .-]+>/i.test(value);
}

interface Detector {
  class: SecretClass;
  what: string;
  /** Global, sticky-free regex; the whole match is the span (from `at` on, when the secret part says). */
  pattern: RegExp;
  /** A text the pattern cannot match without (`@` for credentials in a URL): one cheap test first. */
  needs?: string;
  /**
   * Where the secret part of the match starts and ends (relative to the match), or undefined when
   * this match is no secret after all (a placeholder, a `Basic` word that is no credential). `at`:
   * where the span starts when it is not the match's start (a header's name is no part of it).
   */
  secret(match: RegExpExecArray): SecretPart | undefined;
  /** A match that is no secret may hold one (a JSON text quoted in a non-secret value): search on inside it. */
  inside?: boolean;
}

interface SecretPart {
  from: number;
  to: number;
  at?: number;
}

/** The whole match after a fixed-length prefix is the secret (`xoxb-` + ***). */
const afterPrefix =
  (prefix: RegExp) =>
  (m: RegExpExecArray): { from: number; to: number } => {
    const p = prefix.exec(m[0]);
    return { from: p ? p[0].length : 0, to: m[0].length };
  };

/** Query parameter names whose value is a credential (compared lower-case). */
const SECRET_PARAMETERS = new Set([
  'token', 'access_token', 'refresh_token', 'id_token', 'auth_token', 'api_token', 'private_token', 'bot_token',
  'key', 'apikey', 'api_key', 'api-key', 'x-api-key', 'app_key', 'appkey', 'access_key', 'secret_key', 'private_key',
  'routing_key', 'service_key', 'integration_key', 'license_key',
  'secret', 'client_secret', 'app_secret',
  'auth', 'authorization', 'password', 'passwd', 'pwd', 'pass',
  'sig', 'signature', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token', 'x-goog-signature',
]);

/** Connection-string keys (spaces, dots and dashes taken out, lower-case) that hold a credential beyond the query parameters'. */
const CONNECTION_SECRETS = new Set(['accountkey', 'sharedaccesskey', 'sharedaccesssignature', 'clientsecret', 'userpassword']);

/** A query parameter's name as the server reads it: percent-encoding undone (`access%5Ftoken`, `%73ig`), an array's `[]` taken off (`token[]`). */
function decodedName(name: string): string {
  let decoded = name;
  if (name.includes('%')) {
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // a lone `%`: the name as written
    }
  }
  return decoded.endsWith('[]') ? decoded.slice(0, -2) : decoded;
}

function secretParameter(name: string): boolean {
  const n = name.toLowerCase();
  return SECRET_PARAMETERS.has(n) || /(?:token|secret|password|passwd|apikey|api_key)$/.test(n);
}

/** A template (`{{ .ExternalURL }}`, `${GRAFANA_URL}`, `$url`) that names a URL: what `&token=…` may follow (its query is inside). */
const URL_TEMPLATE = /^(?:\{\{[^}]*(?:url|uri|link|href)[^}]*\}\}|\$\{?[\w.]*(?:url|uri|link|href)[\w.]*\}?)/i;

/**
 * What comes before a URL's `?` or `#`: an absolute URL (`https://h/p`), a path (`/hook`,
 * `api/v1/x`), a host (`grafana.example.com`, `localhost:3000`), a template or variable
 * (`{{ .ExternalURL }}`, `${url}`), or nothing (`?token=…`, a relative reference that is a query).
 */
function urlShaped(base: string): boolean {
  return (
    base === '' ||
    base.includes('/') ||
    /(?:\}\}|\$\{[\w.]+\}|\$[A-Za-z_]\w*)$/.test(base) ||
    /^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?$|^[\w.-]+:\d+$/.test(base)
  );
}

/**
 * Whether the `?`, `&`, `;` or `#` at `at` is in a URL's query (or fragment): read back over the URL
 * to where it starts (a space, a quote, an angle bracket; a template `{{ … }}` in it is read whole,
 * spaces and all), its first `?` or `#` starts the query and what is before it is URL-shaped; a
 * template naming a URL may stand for the part up to its query (`{{ .GeneratorURL }}&token=…`).
 * `a&key=value` in PromQL or prose, `user:pa&key=x@host` (a URL's password) are no query.
 */
function inUrlQuery(text: string, at: number): boolean {
  let start = at + 1;
  let query = -1;
  for (let i = at; i >= 0; i--) {
    const c = text[i]!;
    if (c === '}' && text[i - 1] === '}') {
      const open = text.lastIndexOf('{{', i - 2);
      if (open < 0) break;
      start = i = open;
      continue;
    }
    if (/[\s"'`<>]/.test(c)) break;
    if (c === '?' || c === '#') query = i;
    start = i;
  }
  if (query < 0) return URL_TEMPLATE.test(text.slice(start, at));
  // A fragment alone (`#key=value` in prose, a hashtag) is no URL; a query alone is a relative one.
  if (query === start && text[query] === '#') return false;
  return urlShaped(text.slice(start, query));
}

function snake(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Field names whose literal value is a secret wherever they appear (`token`, `api_key`, `password`, `clientSecret`…). */
const SECRET_FIELD = /(?:^|_|-)(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)$/;
/**
 * Fields that name a Kubernetes Secret (`configSecret`, `existingSecret`, `tlsSecret`): their value
 * is the Secret's name, not a secret (`alertmanager-<project>`).
 */
const SECRET_NAME_FIELD = /(?:^|_|-)(?:config|existing|tls|cert|ca|kubernetes|k8s|image[_-]pull|env[_-]from)[_-]secret$/;
/** PagerDuty fields and labels that carry an integration key. */
const PAGERDUTY_FIELD = /(?:^|_)(?:routing|service|integration)_?key$/;
/** Header-like fields whose value is `<scheme> <credentials>` (`Authorization: Token …`, `X-Auth: GenieKey …`). */
const AUTHORIZATION_FIELD = /(?:^|_|-)(?:proxy[_-])?(?:authorization|auth)$/;

type FieldKind = 'secret' | 'pagerduty' | 'authorization';
const fieldKinds = new Map<string, FieldKind | null>();
/** The cache holds the names of texts too (`word:` in a generated line): bounded. */
const FIELD_KINDS_MAX = 10_000;

/** What a field's name says its literal value is (cached: the same few names repeat). */
function fieldKind(field: string): FieldKind | undefined {
  let kind = fieldKinds.get(field);
  if (kind === undefined) {
    const name = snake(field);
    if (/(?:file|_path)$/.test(name) || SECRET_NAME_FIELD.test(name)) kind = null;
    else if (PAGERDUTY_FIELD.test(name)) kind = 'pagerduty';
    else if (AUTHORIZATION_FIELD.test(name)) kind = 'authorization';
    else if (SECRET_FIELD.test(name)) kind = 'secret';
    else kind = null;
    if (fieldKinds.size >= FIELD_KINDS_MAX) fieldKinds.clear();
    fieldKinds.set(field, kind);
  }
  return kind ?? undefined;
}

/** A literal value's least length under a secret name (`"a b c"` is one; `"none"`, `"n/a"` are not). */
const LITERAL_MIN = 5;

/**
 * The secret part of a literal value (offsets in `value`) that its field's name makes a secret: any
 * value of six characters or more without spaces under `password`/`token`/…, 32 hex digits under a
 * PagerDuty key, the credentials after the scheme under `Authorization`. Placeholders are none.
 * `literal`: the value's extent is known (quoted, or a field's whole value), so spaces are part of
 * it: `password: "correct horse battery"` is a secret, `password: reset tomorrow` in prose is not.
 */
function secretByField(field: string, value: string, literal = false): { from: number; to: number; what: string } | undefined {
  const kind = fieldKind(field);
  if (kind === undefined) return undefined;
  if (kind === 'pagerduty') return /^[a-fA-F0-9]{32}$/.test(value) ? { from: 0, to: value.length, what: 'PagerDuty integration key' } : undefined;
  const what = snake(field).replace(/[_-]/g, ' ');
  if (kind === 'authorization') {
    const m = /^(?:[A-Za-z][\w-]*[ \t]+)?(\S{8,})$/.exec(value);
    if (!m || isPlaceholder(m[1]!)) return undefined;
    return { from: value.length - m[1]!.length, to: value.length, what: `credentials in an ${what} field` };
  }
  if (literal) {
    const trimmed = value.trim();
    if (trimmed.length < LITERAL_MIN || isLiteralPlaceholder(trimmed)) return undefined;
    const from = value.indexOf(trimmed);
    return { from, to: from + trimmed.length, what };
  }
  if (value.length < 6 || /\s/.test(value) || isPlaceholder(value)) return undefined;
  return { from: 0, to: value.length, what };
}

/** Words that say credentials follow (`Authorization: <scheme> <credentials>`). */
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|GenieKey|Digest|SSWS|ApiKey|Key|Splunk)$/i;

/**
 * `<scheme> <credentials>` under a field: any scheme under `Authorization`-like names, a known one
 * under other secret names (`token: Bearer …`; `password: expires tomorrow` is prose).
 */
function schemeCredentials(field: string, value: string): { from: number; to: number } | undefined {
  const kind = fieldKind(field);
  if (kind === 'authorization') return secretByField(field, value);
  if (kind !== 'secret') return undefined;
  const m = /^([A-Za-z][\w-]*)[ \t]+(\S{8,})$/.exec(value);
  if (!m || !AUTH_SCHEME.test(m[1]!) || isPlaceholder(m[2]!)) return undefined;
  return { from: value.length - m[2]!.length, to: value.length };
}

/** Whether a field's name alone can make its value a secret. */
function secretLikeField(field: string): boolean {
  return fieldKind(field) !== undefined;
}

/** Whether a value is a secret by the name of its field alone (`db_password: '…'`): cheap for every other name. */
export function secretByName(text: string, field: string): boolean {
  return fieldKind(field) !== undefined && fieldMatches(text, field).length > 0;
}

/** Trailing punctuation that ends a prose or flow-style value (`{password: x}`, `token: x, user: y`). */
const TRAILING = /[,;)}\]]+$/;
/** A value that is a call (`getenv(TOKEN)`, `secretFile(` before a quoted argument): code, not a literal. */
const CALL = /^[A-Za-z_$][\w.$]*\((?:.*\))?$/;

/**
 * `password: hunter2…`, `API_KEY=…` unquoted in YAML, headers or prose (not PromQL's `token="…"`).
 * Groups: 1 the name, then one of: 2 a value after `:`, 3 a value after `=`. A value runs to a space
 * or a quote (its trailing punctuation cut here); a quoted one is quotedAssignment's.
 */
function secretAssignment(m: RegExpExecArray): { from: number; to: number } | undefined {
  const raw = m[2] ?? m[3]!;
  if (CALL.test(raw)) return undefined;
  const value = raw.replace(TRAILING, '');
  // `token: Bearer …`: the scheme is no secret, the credentials after it are (the last detector).
  if (AUTH_SCHEME.test(value)) return undefined;
  const part = secretByField(m[1]!, value);
  if (!part) return undefined;
  const start = m[0].length - raw.length;
  return { from: start + part.from, to: start + part.to };
}

/** An environment-style name (`API_KEY`, `DB_PASSWORD`): `API_KEY="…"` is an assignment, not a PromQL matcher. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * A quoted value, of any content, under a secret name: `password: "correct horse battery"`,
 * `"token": "a b c"`, `api_key = 'my secret key'`, `{{ $apiKey := "…" }}`, `` token: `…` ``, a JSON
 * value with escaped quotes (`"pa\"ss"`), a YAML one folded over indented lines. Groups: 1 the name,
 * 2 the operator, then the raw value by its quotes: 3 `\"…\"`, 4 `"…"`, 5 `'…'`, 6 `` `…` ``. After
 * `=`, only an assignment: spaces around it or an environment name, and not inside a PromQL selector
 * (`{secret="name"}`, `, token="x"`). Placeholders, templates and code in backticks are none.
 */
function quotedAssignment(m: RegExpExecArray): { from: number; to: number } | undefined {
  const [name, op] = [m[1]!, m[2]!];
  if (op === '=') {
    const spaced = /^[^=]*[ \t]=|=[ \t]/.test(m[0].slice(name.length));
    if (!spaced && !ENV_NAME.test(name)) return undefined;
    if (/[{,][ \t]*$/.test(m.input.slice(Math.max(0, m.index - 40), m.index))) return undefined;
  }
  const [quote, raw] =
    m[3] !== undefined ? ['\\"', m[3]] : m[4] !== undefined ? ['"', m[4]] : m[5] !== undefined ? ["'", m[5]] : ['`', m[6]!];
  // Markdown: `` `authorization`: `credentials_file` `` documents a field, a call in backticks is code.
  if (quote === '`' && (m[0][name.length] === '`' || CALL.test(raw.trim()))) return undefined;
  const unescaped = quote === "'" ? raw.replace(/''/g, "'") : quote === '`' ? raw : raw.replace(/\\(.)/g, '$1');
  // A YAML value folded over lines reads as one line: its line breaks and indentation are spaces.
  if (!secretByField(name, unescaped.replace(/\n[ \t]*/g, ' '), true)) return undefined;
  const from = m[0].length - quote.length - raw.length;
  const lead = raw.length - raw.trimStart().length;
  return { from: from + lead, to: from + raw.trimEnd().length };
}

/**
 * `api_token="…"` (an Alertmanager matcher, a label set in a message) on a secret-looking label:
 * the quoted value (escaped) is the secret; the span starts at the label (`at` in the match).
 */
function secretMatcher(m: RegExpExecArray, at: number, label: string, raw: string): SecretPart | undefined {
  if (!secretByField(label, raw.replace(/\\(.)/g, '$1'), true)) return undefined;
  const from = m[0].length - raw.length - 1;
  return { from, to: from + raw.length, at };
}

/** A line that starts a YAML node of its own (a mapping key, a list item, a comment, a flow collection, an anchor or tag): no plain scalar. */
const YAML_NODE = /^(?:-(?:[ \t]|$)|[^\s:#][^:#]*:(?:[ \t]|$)|#|[[{&*!|>%@`])/;

/**
 * A value on the lines under its key, as YAML writes a block scalar (`password: |`, `token: >-`) or
 * a plain one continued below (`password:` then the value, indented): the value is every following
 * line indented more than the key (blank lines inside), read as one (folded) for the name's test.
 * The span runs past the match (the key's line): `to` beyond it.
 */
function valueBelow(m: RegExpExecArray): { from: number; to: number } | undefined {
  const [indent, name, indicator] = [m[1]!.length, m[2]!, m[3]];
  const text = m.input;
  let pos = m.index + m[0].length;
  if (text[pos] !== '\n') return undefined;
  const lines: Array<{ from: number; to: number }> = [];
  for (pos++; pos < text.length; ) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(pos, end);
    const body = line.trimStart();
    if (body !== '') {
      if (line.length - body.length <= indent) break;
      // A plain value is text, not a nested mapping, list or comment (`secret:` then `name: …` is a Kubernetes volume).
      if (indicator === undefined && YAML_NODE.test(body)) return undefined;
      lines.push({ from: end - body.length, to: pos + line.trimEnd().length });
    }
    if (newline < 0) break;
    pos = newline + 1;
  }
  if (lines.length === 0) return undefined;
  const value = lines.map((l) => text.slice(l.from, l.to)).join(' ');
  if (!secretByField(name, value, true)) return undefined;
  return { from: lines[0]!.from - m.index, to: lines.at(-1)!.to - m.index };
}

/** Placeholders are no credentials: a token-like user name is one when it has letters and digits. */
function tokenLike(user: string): boolean {
  return /[A-Za-z].*\d|\d.*[A-Za-z]/.test(user) && !isPlaceholder(user);
}

/*
 * A value that is one token (a password, a query value, a header's credentials) never spans a line:
 * it stops at a line end, a real one (no `\s` in its characters) or one a JSON string writes as
 * `\n` (`(?!\\[nr])` before each character: a dashboard's description in its JSON file). Values that
 * really are multi-line (a PEM block, a quoted value folded over lines, a block scalar) have their
 * own detectors below.
 */
const DETECTORS: Detector[] = [
  {
    class: 'private-key',
    what: 'private key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
    needs: '-----BEGIN ',
    // The header itself says what follows; the body (up to the END line) is redacted by redactSecrets.
    secret: (m) => ({ from: m[0].length, to: m[0].length }),
  },
  {
    class: 'url-credentials',
    what: 'password in a URL',
    // scheme://user:password@ — the password part is the secret (the user name is shown).
    pattern: /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:(?!\\[nr])[^\s/?#@:"'<>])*:(?:(?!\\[nr])[^\s/?#@"'<>])+@/g,
    needs: '@',
    secret: (m) => {
      const afterScheme = m[0].indexOf('://') + 3;
      const colon = m[0].indexOf(':', afterScheme);
      const password = m[0].slice(colon + 1, -1);
      return isPlaceholder(password) ? undefined : { from: colon + 1, to: m[0].length - 1 };
    },
  },
  {
    class: 'url-credentials',
    what: 'password in a URL',
    // The same without a scheme, anywhere in a text: `user:password@host:9100` (an SMTP smarthost, a
    // scrape target, a tool's message quoting either). Not `mailto:`/`sip:` addresses, not an image
    // digest (`app:1.2@sha256:…`) nor PromQL's `[5m:1m]@end()`: the host must end the address.
    pattern:
      /(?<![\w.~%+:/@-])(?!(?:mailto|sips?|tel|xmpp|urn|im):)[A-Za-z0-9._~%+-]+:(?:(?!\\[nr])[^\s/?#@:"'<>()[\]])+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?(?![\w@(-]|[.:]\w)/g,
    needs: '@',
    secret: (m) => {
      const colon = m[0].indexOf(':');
      const at = m[0].indexOf('@', colon);
      return isPlaceholder(m[0].slice(colon + 1, at)) ? undefined : { from: colon + 1, to: at };
    },
  },
  {
    class: 'query-parameter',
    what: 'secret query parameter',
    // Only in a URL's query or fragment (inUrlQuery): `a&key=value` elsewhere is no parameter. A
    // value runs to the next `&`, or to a `;` that starts another parameter (`?a=1;sig=…`: both
    // separators are in use); a `;` that starts none is part of the value (all of it hidden).
    pattern: /(?<=[?&;#])([A-Za-z0-9_.%[\]-]+)=((?:(?!\\[nr])(?!;[A-Za-z0-9_.%[\]-]+=)[^&#\s"'<>])+)/g,
    needs: '=',
    secret: (m) => {
      const name = decodedName(m[1]!);
      const value = m[2]!;
      if (!secretParameter(name) || isPlaceholder(value) || !inUrlQuery(m.input, m.index - 1)) return undefined;
      return { from: m[0].length - value.length, to: m[0].length };
    },
  },
  {
    class: 'secret-field',
    what: 'password in a connection string',
    // `Server=db;Uid=app;Pwd=…;`, `jdbc:sqlserver://db;user=app;password=…`, Azure's
    // `AccountName=x;AccountKey=…;`: a secret-named key after another `key=value;` pair (so that
    // `x;pwd=…` alone, which no connection string is, stays in clear); the value runs to the next `;`.
    pattern: /(?<=(?:^|[\s"'`(,;])[A-Za-z][\w .:/-]*=[^;=\n"'`]*;[ \t]*(?:[A-Za-z][\w .-]*=[^;=\n"'`]*;[ \t]*)*)([A-Za-z][\w .-]*?)[ \t]*=[ \t]*((?:(?!\\[nr])[^;\s"'`<>])+)/g,
    needs: ';',
    secret: (m) => {
      const name = m[1]!.replace(/[\s.-]/g, '').toLowerCase();
      const value = m[2]!;
      if (!(secretParameter(name) || CONNECTION_SECRETS.has(name)) || isPlaceholder(value)) return undefined;
      return { from: m[0].length - value.length, to: m[0].length };
    },
  },
  {
    class: 'secret-field',
    what: 'secret assignment',
    // An unquoted value runs to a space or quote (its trailing punctuation cut in secretAssignment),
    // as long as it does not start like code or a template.
    pattern:
      /\b([A-Za-z][\w-]*)["']?[ \t]*(?::[ \t]*(?!["'`])((?![,;&(){}[\]])(?:(?!\\[nr])[^\s"'<>]){6,})|=(?![=~"'`])((?![,;&(){}[\]])(?:(?!\\[nr])[^\s"'<>&#]){6,}))/g,
    secret: secretAssignment,
  },
  {
    class: 'secret-field',
    what: 'secret assignment',
    // A quoted value to its closing quote: `"…"` with backslash escapes (JSON, YAML, Go), `\"…\"` (a
    // JSON text inside a JSON string), `'…'` with `''` (YAML), `` `…` `` (Go raw strings, Markdown).
    // A quote may continue on indented lines (YAML folds them).
    pattern:
      /\b([A-Za-z][\w-]*)\\?["'`]?[ \t]*(:=|:|=)[ \t]*(?:\\"((?:[^"\\\n]|\\[^"\n])*)\\"|"((?:[^"\\\n]|\\.|\n(?=[ \t]))*)"|'((?:[^'\n]|''|\n(?=[ \t]))*)'|`([^`\n]*)`)/g,
    secret: quotedAssignment,
    inside: true,
  },
  {
    class: 'secret-field',
    what: 'secret assignment',
    // A key whose value is on the lines below it (valueBelow): a block scalar, or a plain value continued.
    pattern: /^([ \t]*)(?:-[ \t]+)?["']?([A-Za-z][\w-]*)["']?[ \t]*:[ \t]*(?:([|>][1-9+-]{0,2})[ \t]*)?(?:#[^\n]*)?$/gm,
    needs: '\n',
    secret: valueBelow,
  },
  {
    class: 'secret-field',
    what: 'secret label matcher',
    // The quoted form only as Alertmanager writes a matcher, a list item: PromQL's `{secret="name"}` is a label.
    pattern: /^([ \t]*-[ \t]+['"]?)([A-Za-z_][A-Za-z0-9_]*)(?:=|!=|=~|!~)"((?:[^"\\\n]|\\.)*)"/gm,
    needs: '"',
    secret: (m) => secretMatcher(m, m[1]!.length, m[2]!, m[3]!),
  },
  {
    class: 'webhook-url',
    what: 'Slack webhook URL',
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]+/g,
    secret: afterPrefix(/^hooks\.slack\.com\/\w+\//),
  },
  {
    class: 'webhook-url',
    what: 'Discord webhook URL',
    pattern: /discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]+/g,
    secret: afterPrefix(/^discord(?:app)?\.com\/api\/webhooks\//),
  },
  {
    class: 'webhook-url',
    what: 'Mattermost webhook URL',
    pattern: /\/hooks\/[a-z0-9]{26}(?![A-Za-z0-9])/g,
    secret: afterPrefix(/^\/hooks\//),
  },
  {
    class: 'webhook-url',
    what: 'Microsoft Teams webhook URL',
    pattern: /\.webhook\.office\.com\/webhookb2\/(?:(?!\\[nr])[^\s"'<>])+/g,
    secret: afterPrefix(/^\.webhook\.office\.com\/webhookb2\//),
  },
  {
    class: 'webhook-url',
    what: 'Microsoft Teams webhook URL',
    // The Office 365 connectors' older address: `outlook.office.com/webhook/<id>@<tenant>/IncomingWebhook/<key>/<id>`.
    pattern: /outlook\.office(?:365)?\.com\/webhook\/(?:(?!\\[nr])[^\s"'<>])+/g,
    secret: afterPrefix(/^outlook\.office(?:365)?\.com\/webhook\//),
  },
  {
    class: 'webhook-url',
    what: 'Webex incoming webhook URL',
    pattern: /webexapis\.com\/v1\/webhooks\/incoming\/[A-Za-z0-9_=-]{20,}/g,
    secret: afterPrefix(/^webexapis\.com\/v1\/webhooks\/incoming\//),
  },
  {
    class: 'webhook-url',
    what: 'Rocket.Chat webhook URL',
    // `/hooks/<integration id>/<token>`: an id of 17 to 24 characters and a long token.
    pattern: /\/hooks\/[A-Za-z0-9]{17,24}\/[A-Za-z0-9]{32,}(?![A-Za-z0-9])/g,
    secret: afterPrefix(/^\/hooks\//),
  },
  {
    class: 'webhook-url',
    what: 'Zapier webhook URL',
    pattern: /hooks\.zapier\.com\/hooks\/catch\/\d+\/[A-Za-z0-9]+/g,
    secret: afterPrefix(/^hooks\.zapier\.com\/hooks\/catch\//),
  },
  {
    class: 'webhook-url',
    what: 'VictorOps API key in a URL',
    // The REST endpoint: `alert.victorops.com/integrations/generic/<version>/alert/<api key>/<routing key>`.
    pattern: /victorops\.com\/integrations\/generic\/\d+\/alert\/[A-Za-z0-9-]{16,}/g,
    secret: afterPrefix(/^victorops\.com\/integrations\/generic\/\d+\/alert\//),
  },
  {
    class: 'webhook-url',
    what: 'PagerDuty integration key in a URL',
    pattern: /events\.pagerduty\.com\/(?:(?!\\[nr])[^\s"'<>])*?[a-fA-F0-9]{32}(?![A-Za-z0-9])/g,
    secret: (m) => ({ from: m[0].length - 32, to: m[0].length }),
  },
  { class: 'token', what: 'Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, secret: afterPrefix(/^xox.-/) },
  { class: 'token', what: 'Slack app token', pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g, secret: afterPrefix(/^xapp-/) },
  { class: 'token', what: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/g, secret: afterPrefix(/^gh._/) },
  { class: 'token', what: 'GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g, secret: afterPrefix(/^github_pat_/) },
  { class: 'token', what: 'GitLab token', pattern: /\bgl(?:pat|dt|rt|ptt|cbt|soat)-[A-Za-z0-9_-]{20,}/g, secret: afterPrefix(/^gl[a-z]+-/) },
  { class: 'token', what: 'Grafana service account token', pattern: /\bglsa_[A-Za-z0-9_]{32,}/g, secret: afterPrefix(/^glsa_/) },
  { class: 'token', what: 'Grafana Cloud token', pattern: /\bglc_[A-Za-z0-9+/=_-]{32,}/g, secret: afterPrefix(/^glc_/) },
  { class: 'token', what: 'Grafana API key', pattern: /\beyJrIjoi[A-Za-z0-9+/=]{20,}/g, secret: afterPrefix(/^eyJrIjoi/) },
  { class: 'token', what: 'AWS access key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, secret: afterPrefix(/^[A-Z]{4}/) },
  { class: 'token', what: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g, secret: afterPrefix(/^AIza/) },
  { class: 'token', what: 'Stripe key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}/g, secret: afterPrefix(/^[a-z]+_live_/) },
  { class: 'token', what: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, secret: afterPrefix(/^npm_/) },
  { class: 'token', what: 'SendGrid key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g, secret: afterPrefix(/^SG\./) },
  // A bot's id, a colon, then its key: `A` and 33 to 35 more (Telegram's docs show 34 and 35 in all),
  // alone or after `bot` (the Bot API's URLs: `https://api.telegram.org/bot<token>/sendMessage`).
  { class: 'token', what: 'Telegram bot token', pattern: /(?:(?<![\w-])|(?<=\bbot))\d{5,16}:A[A-Za-z0-9_-]{32,34}(?![A-Za-z0-9_-])/g, secret: afterPrefix(/^\d+:/) },
  {
    class: 'token',
    what: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    secret: afterPrefix(/^eyJ/),
  },
  // A scheme and its credentials are on one line: the space between them is no line end (`[^\S\r\n…]`,
  // not `\s`), so `Bearer` ending a line of a description does not take the next line for a token.
  { class: 'token', what: 'OpsGenie key', pattern: /\bGenieKey[^\S\r\n\u2028\u2029]+[A-Za-z0-9-]{16,}/g, secret: afterPrefix(/^GenieKey\s+/) },
  {
    class: 'token',
    what: 'bearer token',
    pattern: /\b[Bb]earer[^\S\r\n\u2028\u2029]+[A-Za-z0-9\-._~+/]{16,}=*/g,
    secret: afterPrefix(/^[Bb]earer\s+/),
  },
  {
    class: 'token',
    what: 'basic-auth credentials',
    pattern: /\bBasic[^\S\r\n\u2028\u2029]+[A-Za-z0-9+/]{8,}={0,2}(?![A-Za-z0-9+/=])/g,
    secret: (m) => {
      const encoded = m[0].replace(/^Basic\s+/, '');
      // Only base64 of `user:password` is a credential ("Basic information" is not).
      const decoded = Buffer.from(encoded, 'base64').toString('latin1');
      return /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded) ? { from: m[0].length - encoded.length, to: m[0].length } : undefined;
    },
  },
  {
    class: 'url-credentials',
    what: 'token in a URL',
    // A token as the URL's user (`https://<token>@relay.example.com/`): a long mix of letters and
    // digits. After the token formats: one of those found there is named as such.
    pattern: /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/([A-Za-z0-9_~%+-]{20,})(?=@)/g,
    needs: '@',
    secret: (m) => {
      const at = m[0].length - m[1]!.length;
      return tokenLike(m[1]!) ? { from: at, to: m[0].length, at } : undefined;
    },
  },
  {
    class: 'secret-field',
    what: 'credentials in an authorization header',
    // `Authorization: Token …`, `X-Auth: GenieKey …`, `token: Bearer …`: a scheme, then the
    // credentials. Last, and the span starts at the scheme: a Bearer or Basic token found above
    // at the same place is named as such.
    pattern: /\b([A-Za-z][\w-]*)["']?[ \t]*:[ \t]*["']?([A-Za-z][\w-]*[ \t]+(?:(?!\\[nr])[^\s"'<>]){8,})/g,
    needs: ':',
    secret: (m) => {
      const value = m[2]!;
      const part = schemeCredentials(m[1]!, value);
      const at = m[0].length - value.length;
      return part && { from: at + part.from, to: at + part.to, at };
    },
  },
];


/** Matches found because of the field a value sits in (labels, details, headers, matchers, …). */
function fieldMatches(text: string, field: string): SecretMatch[] {
  const value = text.trim();
  // A field's value is the whole literal: spaces are part of it (`api_token: 'my secret key'`).
  const part = secretByField(field, value, true);
  if (!part) return [];
  const from = text.indexOf(value) + part.from;
  const secret = value.slice(part.from, part.to);
  const cls: SecretClass = part.what === 'PagerDuty integration key' ? 'token' : 'secret-field';
  return [{ class: cls, what: part.what, from, to: from + secret.length, text: secret, secret, redacted: REDACTED, hideFrom: from, hideTo: from + secret.length }];
}

/**
 * What every detector needs to see at least once: a text without any of these holds no secret
 * (one cheap test instead of thirty regexes over every label value and every generated line).
 */
export const CANDIDATES =
  ':\\/\\/|[?&;#][\\w.%[\\]-]+=|%(?:25)*(?:3[Dd]|40|3[Aa]%(?:25)*2[Ff])|xox|xapp-|hooks|discord|webhook|pagerduty|victorops|webexapis|outlook\\.office|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt|soat)-|glsa_|glc_|eyJ|' +
  'A(?:KIA|SIA|GPA|IDA|ROA|NPA|NVA|IPA|BIA|CCA)|AIza|_live_|npm_|SG\\.|:A|[Bb]earer|Basic|-----BEGIN|' +
  '[Pp]ass|PASS|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Cc]redential|CREDENTIAL|@';
/**
 * The characters the alternatives of CANDIDATES start with (keep in step: a test checks each). A
 * position starting with another cannot match, and the lookahead rejects it with one test instead
 * of one per alternative: the scan of the generated files (~11 MB on the large set) ~30% faster.
 */
export const CANDIDATE_FIRST = ':?&;#%xhdwpvogeA_nSBb\\-PsTtKkCc@';
export const GUARDED_CANDIDATES = `(?=[${CANDIDATE_FIRST}])(?:${CANDIDATES})`;
const CANDIDATE = new RegExp(GUARDED_CANDIDATES);
const CANDIDATE_ALL = new RegExp(GUARDED_CANDIDATES, 'g');

/**
 * Every secret in a text, in order (of start, the longest first), overlapping ones all kept: each
 * match's `redacted` hides the secrets of the others too. `field` is the name of the field the text
 * is the value of, when known (so that `routing_key: '<32 hex>'` is recognised). A report lists a
 * group of overlapping matches once (findingsOf).
 */
export function findSecrets(text: string, field?: string): SecretMatch[] {
  return findWith(DETECTORS, text, field);
}

/** Where a PEM private key's body ends: its END line, else the end of the text. */
function privateKeyEnd(text: string, from: number): number {
  const end = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;
  end.lastIndex = from;
  const m = end.exec(text);
  return m ? m.index : text.length;
}

/** Ranges sorted and merged where they overlap or touch: what redaction replaces, each by one `***`. */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([from, to]) => to > from).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** `text[from, to)` with every hidden range inside it (clipped) replaced by `***`. */
function hideIn(text: string, from: number, to: number, hidden: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = from;
  for (const [f, t] of hidden) {
    if (t <= from || f >= to) continue;
    const [a, b] = [Math.max(f, from), Math.min(t, to)];
    out += text.slice(at, a) + REDACTED;
    at = b;
  }
  return out + text.slice(at, to);
}

/**
 * A percent-encoded `=`, `@` or `://` (`%3D`, `%40`, `%3A%2F%2F`), encoded once or more (`%253D`):
 * what a URL encoded inside another (`?redirect=https%3A%2F%2Fh%2Fcb%3Ftoken%3D…`) holds a secret by.
 */
const ENCODED_URL_PART = /%(?:25)*(?:3[Dd]|40|3[Aa]%(?:25)*2[Ff])/g;
/** What ends a value that may be an encoded URL: what the outer URL or the text around it separates by. */
const ENCODED_RUN_END = /[\s"'`<>&#=?]/;
/** Decodings of one value at most: a URL encoded in a URL encoded in a URL (`%25253D`). */
const MAX_DECODINGS = 3;

/** `%XX` of an ASCII character decoded (the others kept as written), with where each character came from in `text`. */
function percentDecoded(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    origin.push(i);
    const code = text[i] === '%' ? Number.parseInt(text.slice(i + 1, i + 3), 16) : Number.NaN;
    if (code < 0x80 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += String.fromCharCode(code);
      i += 3;
    } else out += text[i++];
  }
  origin.push(text.length);
  return { text: out, origin };
}

/**
 * The values of a text that may be URLs encoded in another (each a run of the text between the outer
 * URL's separators, holding an encoded `=`, `@` or `://`), one pass: a run is read once, whatever
 * number of encoded parts it holds. A JSON text's `\n` ends a run as a line end does.
 */
function encodedRuns(text: string): Array<{ from: number; to: number }> {
  const runs: Array<{ from: number; to: number }> = [];
  ENCODED_URL_PART.lastIndex = 0;
  for (let m = ENCODED_URL_PART.exec(text); m; m = ENCODED_URL_PART.exec(text)) {
    let from = m.index;
    while (from > 0 && !ENCODED_RUN_END.test(text[from - 1]!) && !(text[from - 2] === '\\' && /[nr]/.test(text[from - 1]!))) from--;
    let to = m.index + m[0].length;
    while (to < text.length && !ENCODED_RUN_END.test(text[to]!) && !(text[to] === '\\' && /[nr]/.test(text[to + 1] ?? ''))) to++;
    runs.push({ from, to });
    ENCODED_URL_PART.lastIndex = to;
  }
  return runs;
}

/**
 * The secrets of the URLs encoded in a text's values (`?redirect=https%3A%2F%2Fh%2Fcb%3Ftoken%3D…`,
 * `%253D` encoded twice), as `findWith` finds them in the decoded value, placed back on the encoded
 * text: what is hidden is the secret's encoded form whole. Each decoding reads a shorter text, runs
 * do not overlap, and at most MAX_DECODINGS nest: linear work.
 */
function encodedMatches(detectors: readonly Detector[], text: string, depth: number): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const run of encodedRuns(text)) {
    const decoded = percentDecoded(text.slice(run.from, run.to));
    const at = (i: number) => run.from + decoded.origin[i]!;
    for (const m of findWith(detectors, decoded.text, undefined, depth + 1)) {
      const [from, to, hideFrom, hideTo] = [at(m.from), at(m.to), at(m.hideFrom), at(m.hideTo)];
      const span = text.slice(from, to);
      found.push({ class: m.class, what: m.what, from, to, text: span, secret: text.slice(hideFrom, hideTo) || span, redacted: '', hideFrom, hideTo });
    }
  }
  return found;
}

function findWith(detectors: readonly Detector[], text: string, field?: string, depth = 0): SecretMatch[] {
  const byField = field !== undefined && secretLikeField(field);
  if (!byField && !CANDIDATE.test(text)) return [];
  const found: SecretMatch[] = byField ? fieldMatches(text, field) : [];
  if (depth < MAX_DECODINGS && text.includes('%')) found.push(...encodedMatches(detectors, text, depth));
  for (const detector of detectors) {
    if (detector.needs !== undefined && !text.includes(detector.needs)) continue;
    detector.pattern.lastIndex = 0;
    for (let m = detector.pattern.exec(text); m; m = detector.pattern.exec(text)) {
      if (m[0].length === 0) {
        detector.pattern.lastIndex++;
        continue;
      }
      const part = detector.secret(m);
      if (!part) {
        if (detector.inside) detector.pattern.lastIndex = m.index + m[1]!.length;
        continue;
      }
      // The span: from `at` to the end of the match, or past it (a value on the lines below its key).
      const from = m.index + (part.at ?? 0);
      const to = m.index + Math.max(m[0].length, part.to);
      const [hideFrom, hideTo] = detector.class === 'private-key' ? [m.index + m[0].length, privateKeyEnd(text, m.index + m[0].length)] : [m.index + part.from, m.index + part.to];
      const span = text.slice(from, to);
      const secret = text.slice(m.index + part.from, m.index + part.to) || span;
      found.push({ class: detector.class, what: detector.what, from, to, text: span, secret, redacted: '', hideFrom, hideTo });
    }
  }
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  // The same span and secret found twice (two detectors): once.
  const kept = found.filter((m, i) => !found.slice(0, i).some((k) => k.from === m.from && k.to === m.to && k.hideFrom === m.hideFrom && k.hideTo === m.hideTo));
  // Each span shown with every secret in it hidden, its own and the overlapping ones' (a Slack
  // hook URL with a token parameter, a token inside a password's value).
  const hidden = mergeRanges(kept.map((m) => [m.hideFrom, m.hideTo] as const));
  for (const m of kept) m.redacted = m.class === 'private-key' ? `${m.text}${REDACTED}` : hideIn(text, m.from, m.to, hidden);
  return kept;
}

/** The text with what these matches (found in it) hide replaced by `***`: known by their field too. */
export function hideMatches(text: string, matches: readonly SecretMatch[]): string {
  return hideIn(text, 0, text.length, mergeRanges(matches.map((m) => [m.hideFrom, m.hideTo] as const)));
}

/**
 * Matches as reports list them: overlapping ones (one value two detectors flag, a token inside a
 * password) as one finding, named by the first and longest, with every secret of the group.
 */
export function findingsOf(matches: readonly SecretMatch[]): Array<{ match: SecretMatch; secrets: string[] }> {
  const out: Array<{ match: SecretMatch; secrets: string[]; to: number }> = [];
  for (const m of [...matches].sort((a, b) => a.from - b.from || b.to - a.to)) {
    const last = out.at(-1);
    if (last && m.from < last.to) {
      if (!last.secrets.includes(m.secret)) last.secrets.push(m.secret);
      last.to = Math.max(last.to, m.to);
    } else out.push({ match: m, secrets: [m.secret], to: m.to });
  }
  return out.map(({ match, secrets }) => ({ match, secrets }));
}

export interface Redaction {
  text: string;
  /** Maps an offset of the original text to the redacted one (for excerpt spans). */
  offset(original: number): number;
}

/**
 * A line whose value goes on below it, under a secret name: a key with a block scalar (`password: |`),
 * with nothing (a plain value on the next lines), or with a quote left open (a YAML string folded over
 * lines). Group 1: the name.
 */
const CONTINUED =
  /^[ \t]*(?:-[ \t]+)?["']?([A-Za-z][\w-]*)["']?[ \t]*:[ \t]*(?:(?:[|>][1-9+-]{0,2}[ \t]*)?(?:#.*)?|"(?:[^"\\]|\\.)*|'(?:[^']|'')*)$/;

function continuesBelow(line: string): boolean {
  const m = CONTINUED.exec(line);
  return m !== null && secretLikeField(m[1]!);
}

/**
 * Every secret in a large text (a generated file): one pass for candidates, then only their lines
 * (with the more-indented lines below a line whose value continues there).
 */
export function findSecretsInText(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  CANDIDATE_ALL.lastIndex = 0;
  for (let m = CANDIDATE_ALL.exec(text); m; m = CANDIDATE_ALL.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    let newline = text.indexOf('\n', m.index);
    let end = newline < 0 ? text.length : newline;
    if (newline >= 0 && continuesBelow(text.slice(start, end))) {
      const indent = /^[ \t]*/.exec(text.slice(start, end))![0].length;
      // The lines below, blank or indented more than this one.
      for (let next = newline; next >= 0 && next < text.length; ) {
        const after = text.indexOf('\n', next + 1);
        const line = text.slice(next + 1, after < 0 ? text.length : after);
        if (line.trim() !== '' && /^[ \t]*/.exec(line)![0].length <= indent) break;
        end = after < 0 ? text.length : after;
        newline = after;
        next = after;
      }
    }
    for (const match of findSecrets(text.slice(start, end))) {
      found.push({ ...match, from: match.from + start, to: match.to + start, hideFrom: match.hideFrom + start, hideTo: match.hideTo + start });
    }
    CANDIDATE_ALL.lastIndex = end + 1;
    if (newline < 0) break;
  }
  return found;
}

/**
 * What a report hides besides what the scan refuses: a quoted value under a secret-looking name
 * anywhere, as findings print an alert's labels (`matches {severity="info", api_token="…"}`). The
 * scan lets PromQL's `kube_secret_info{secret="…"}` through (a label, not a secret); a report loses
 * nothing by hiding it.
 */
const REPORT_DETECTORS: readonly Detector[] = [
  ...DETECTORS,
  {
    class: 'secret-field',
    what: 'secret label value',
    pattern: /(?<![\w.-])([A-Za-z_][A-Za-z0-9_]*)(?:=|!=|=~|!~)"((?:[^"\\\n]|\\.)*)"/g,
    needs: '"',
    secret: (m) => secretMatcher(m, 0, m[1]!, m[2]!),
  },
];

/**
 * The text with every secret replaced by `***` (user names, parameter names and token prefixes
 * kept). `report`: as reports show it, quoted values under secret names hidden too.
 */
export function redact(text: string, options: { report?: boolean; field?: string } = {}): Redaction {
  const matches = findWith(options.report ? REPORT_DETECTORS : DETECTORS, text, options.field);
  if (matches.length === 0) return { text, offset: (o) => o };
  // What each match hides, merged where they overlap or touch: one `***` each, nothing of a secret
  // left in clear where another match's span ended inside it.
  const edits: Array<[number, number, string]> = mergeRanges(matches.map((m) => [m.hideFrom, m.hideTo] as const)).map(([from, to]) => [from, to, REDACTED]);
  let out = '';
  let at = 0;
  for (const [from, to, replacement] of edits) {
    if (from < at) continue;
    out += text.slice(at, from) + replacement;
    at = to;
  }
  out += text.slice(at);
  const offset = (original: number): number => {
    let delta = 0;
    for (const [from, to, replacement] of edits) {
      if (original <= from) break;
      if (original < to) return from + delta + Math.min(original - from, replacement.length);
      delta += replacement.length - (to - from);
    }
    return original + delta;
  };
  return { text: out, offset };
}

/** The text with every secret replaced by `***`. */
export function redactSecrets(text: string): string {
  return redact(text).text;
}

/**
 * The text as every report shows it (src/report/redact.ts): every secret, and a quoted value under
 * a secret-looking name, replaced by `***`; with `field`, the name the text is the value of (an
 * alert's label `api_token: …`).
 */
export function redactForReport(text: string, field?: string): Redaction {
  return redact(text, { report: true, ...(field !== undefined ? { field } : {}) });
}
