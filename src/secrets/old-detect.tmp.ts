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
  /** The span as reports may show it: the secret part replaced by `***`. */
  redacted: string;
}

export const REDACTED = '***';

/** Values that stand for a secret rather than being one: `$TOKEN`, `${token}`, `{{ .x }}`, `<token>`, `***`. */
function isPlaceholder(value: string): boolean {
  return /^(?:\$|\{\{|<|%24|%7B)/i.test(value) || /^[*xX.…-]+$/.test(value) || value.includes(REDACTED);
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

function secretParameter(name: string): boolean {
  const n = name.toLowerCase();
  return SECRET_PARAMETERS.has(n) || /(?:token|secret|password|passwd|apikey|api_key)$/.test(n);
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

/**
 * The secret part of a literal value (offsets in `value`) that its field's name makes a secret: any
 * value of six characters or more without spaces under `password`/`token`/…, 32 hex digits under a
 * PagerDuty key, the credentials after the scheme under `Authorization`. Placeholders are none.
 */
function secretByField(field: string, value: string): { from: number; to: number; what: string } | undefined {
  const kind = fieldKind(field);
  if (kind === undefined) return undefined;
  if (kind === 'pagerduty') return /^[a-fA-F0-9]{32}$/.test(value) ? { from: 0, to: value.length, what: 'PagerDuty integration key' } : undefined;
  const what = snake(field).replace(/[_-]/g, ' ');
  if (kind === 'authorization') {
    const m = /^(?:[A-Za-z][\w-]*[ \t]+)?(\S{8,})$/.exec(value);
    if (!m || isPlaceholder(m[1]!)) return undefined;
    return { from: value.length - m[1]!.length, to: value.length, what: `credentials in an ${what} field` };
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
 * `password: hunter2…`, `"token": "…"`, `API_KEY=…`, `{{ $apiKey := "…" }}` in YAML, JSON, headers,
 * Go templates or prose (not PromQL's `token="…"`). Groups: 1 the name, then one of: 2 a quoted
 * value after `:`, 3 an unquoted value after `:`, 4 a quoted value after `:=`, 5 a value after `=`.
 */
function secretAssignment(m: RegExpExecArray): { from: number; to: number } | undefined {
  const quoted = m[2] ?? m[4];
  let value = quoted ?? m[3] ?? m[5]!;
  if (quoted === undefined) {
    if (CALL.test(value)) return undefined;
    value = value.replace(TRAILING, '');
  }
  // `token: Bearer …`: the scheme is no secret, the credentials after it are (the last detector).
  if (AUTH_SCHEME.test(value) && quoted === undefined) return undefined;
  const part = secretByField(m[1]!, value);
  if (!part) return undefined;
  // Where the value starts in the match: the last occurrence before any closing quote.
  const start = m[0].lastIndexOf(value);
  return { from: start + part.from, to: start + part.to };
}

/**
 * `api_token="…"` (an Alertmanager matcher, a label set in a message) on a secret-looking label:
 * the quoted value (escaped) is the secret; the span starts at the label (`at` in the match).
 */
function secretMatcher(m: RegExpExecArray, at: number, label: string, raw: string): SecretPart | undefined {
  if (!secretByField(label, raw.replace(/\\(.)/g, '$1'))) return undefined;
  const from = m[0].length - raw.length - 1;
  return { from, to: from + raw.length, at };
}

/** Placeholders are no credentials: a token-like user name is one when it has letters and digits. */
function tokenLike(user: string): boolean {
  return /[A-Za-z].*\d|\d.*[A-Za-z]/.test(user) && !isPlaceholder(user);
}

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
    pattern: /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*:[^\s/?#@"'<>]+@/g,
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
      /(?<![\w.~%+:/@-])(?!(?:mailto|sips?|tel|xmpp|urn|im):)[A-Za-z0-9._~%+-]+:[^\s/?#@:"'<>()[\]]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?(?![\w@(-]|[.:]\w)/g,
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
    pattern: /(?<=[?&;#])([A-Za-z0-9_.[\]-]+)=([^&#\s"'<>]+)/g,
    needs: '=',
    secret: (m) => {
      const name = m[1]!;
      const value = m[2]!;
      if (!secretParameter(name) || isPlaceholder(value)) return undefined;
      return { from: m[0].length - value.length, to: m[0].length };
    },
  },
  {
    class: 'secret-field',
    what: 'secret assignment',
    // A quoted value runs to its quote; an unquoted one to a space or quote (its trailing
    // punctuation cut in secretAssignment), as long as it does not start like code or a template.
    pattern:
      /\b([A-Za-z][\w-]*)["']?[ \t]*(?::[ \t]*(?:["']([^\s"']{6,})["']|(?!["'])((?![,;&(){}[\]])[^\s"'<>]{6,}))|:=[ \t]*["`]([^\s"`]{6,})["`]|=(?![=~"'])((?![,;&(){}[\]])[^\s"'<>&#]{6,}))/g,
    secret: secretAssignment,
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
    pattern: /\.webhook\.office\.com\/webhookb2\/[^\s"'<>]+/g,
    secret: afterPrefix(/^\.webhook\.office\.com\/webhookb2\//),
  },
  {
    class: 'webhook-url',
    what: 'PagerDuty integration key in a URL',
    pattern: /events\.pagerduty\.com\/[^\s"'<>]*?[a-fA-F0-9]{32}(?![A-Za-z0-9])/g,
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
  { class: 'token', what: 'Telegram bot token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g, secret: afterPrefix(/^\d+:/) },
  {
    class: 'token',
    what: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    secret: afterPrefix(/^eyJ/),
  },
  { class: 'token', what: 'OpsGenie key', pattern: /\bGenieKey\s+[A-Za-z0-9-]{16,}/g, secret: afterPrefix(/^GenieKey\s+/) },
  {
    class: 'token',
    what: 'bearer token',
    pattern: /\b[Bb]earer\s+[A-Za-z0-9\-._~+/]{16,}=*/g,
    secret: afterPrefix(/^[Bb]earer\s+/),
  },
  {
    class: 'token',
    what: 'basic-auth credentials',
    pattern: /\bBasic\s+[A-Za-z0-9+/]{8,}={0,2}(?![A-Za-z0-9+/=])/g,
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
    pattern: /\b([A-Za-z][\w-]*)["']?[ \t]*:[ \t]*["']?([A-Za-z][\w-]*[ \t]+[^\s"'<>]{8,})/g,
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
  const part = secretByField(field, value);
  if (!part) return [];
  const from = text.indexOf(value) + part.from;
  const secret = value.slice(part.from, part.to);
  const cls: SecretClass = part.what === 'PagerDuty integration key' ? 'token' : 'secret-field';
  return [{ class: cls, what: part.what, from, to: from + secret.length, text: secret, secret, redacted: REDACTED }];
}

/**
 * What every detector needs to see at least once: a text without any of these holds no secret
 * (one cheap test instead of thirty regexes over every label value and every generated line).
 */
export const CANDIDATES =
  ':\\/\\/|[?&;#][\\w.[\\]-]+=|xox|xapp-|hooks|discord|webhook|pagerduty|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt|soat)-|glsa_|glc_|eyJ|' +
  'A(?:KIA|SIA|GPA|IDA|ROA|NPA|NVA|IPA|BIA|CCA)|AIza|_live_|npm_|SG\\.|:AA|[Bb]earer|Basic|-----BEGIN|' +
  '[Pp]ass|PASS|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Cc]redential|CREDENTIAL|@';
/**
 * The characters the alternatives of CANDIDATES start with (keep in step: a test checks each). A
 * position starting with another cannot match, and the lookahead rejects it with one test instead
 * of one per alternative: the scan of the generated files (~11 MB on the large set) ~30% faster.
 */
export const CANDIDATE_FIRST = ':?&;#xhdwpgeA_nSBb\\-PsTtKkCc@';
export const GUARDED_CANDIDATES = `(?=[${CANDIDATE_FIRST}])(?:${CANDIDATES})`;
const CANDIDATE = new RegExp(GUARDED_CANDIDATES);
const CANDIDATE_ALL = new RegExp(GUARDED_CANDIDATES, 'g');

/**
 * Every secret in a text, in order, not overlapping. `field` is the name of the field the text is
 * the value of, when known (so that `routing_key: '<32 hex>'` is recognised).
 */
export function findSecrets(text: string, field?: string): SecretMatch[] {
  return findWith(DETECTORS, text, field);
}

function findWith(detectors: readonly Detector[], text: string, field?: string): SecretMatch[] {
  const byField = field !== undefined && secretLikeField(field);
  if (!byField && !CANDIDATE.test(text)) return [];
  const found: SecretMatch[] = byField ? fieldMatches(text, field) : [];
  for (const detector of detectors) {
    if (detector.needs !== undefined && !text.includes(detector.needs)) continue;
    detector.pattern.lastIndex = 0;
    for (let m = detector.pattern.exec(text); m; m = detector.pattern.exec(text)) {
      if (m[0].length === 0) {
        detector.pattern.lastIndex++;
        continue;
      }
      const part = detector.secret(m);
      if (!part) continue;
      const at = part.at ?? 0;
      const span = m[0].slice(at);
      const [from, to] = [part.from - at, part.to - at];
      const redacted = `${span.slice(0, from)}${REDACTED}${span.slice(to)}`;
      const secret = span.slice(from, to) || span;
      found.push({ class: detector.class, what: detector.what, from: m.index + at, to: m.index + at + span.length, text: span, secret, redacted });
    }
  }
  // Overlaps (a Slack hook URL with a token parameter): keep the first, longest span.
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: SecretMatch[] = [];
  for (const match of found) {
    const last = kept[kept.length - 1];
    if (last && match.from < last.to) continue;
    kept.push(match);
  }
  return kept;
}

/** Where a PEM private key's body ends: its END line, else the end of the text. */
function privateKeyEnd(text: string, from: number): number {
  const end = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;
  end.lastIndex = from;
  const m = end.exec(text);
  return m ? m.index : text.length;
}

export interface Redaction {
  text: string;
  /** Maps an offset of the original text to the redacted one (for excerpt spans). */
  offset(original: number): number;
}

/** Every secret in a large text (a generated file): one pass for candidates, then only their lines. */
export function findSecretsInText(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  CANDIDATE_ALL.lastIndex = 0;
  for (let m = CANDIDATE_ALL.exec(text); m; m = CANDIDATE_ALL.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    const newline = text.indexOf('\n', m.index);
    const end = newline < 0 ? text.length : newline;
    for (const match of findSecrets(text.slice(start, end))) found.push({ ...match, from: match.from + start, to: match.to + start });
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
  // Replacements as [from, to, replacement] of the original text.
  const edits: Array<[number, number, string]> = [];
  for (const m of matches) {
    if (m.class === 'private-key') {
      const end = privateKeyEnd(text, m.to);
      edits.push([m.to, end, end > m.to ? REDACTED : '']);
    } else {
      edits.push([m.from, m.to, m.redacted]);
    }
  }
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
