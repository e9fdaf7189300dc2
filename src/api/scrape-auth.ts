/**
 * How a scrape job authenticates to its targets. Every secret is a file on the Prometheus host,
 * `secretFile('/etc/prometheus/secrets/…')`: only its path reaches the output (`*_file`); a literal
 * is refused.
 */
import type { SecretFile } from './alertmanager.js';

export interface BasicAuth {
  username: string;
  /** → `password_file`. */
  password: SecretFile;
}

export interface Authorization {
  /** Default `Bearer`. */
  type?: string;
  /** → `credentials_file`. */
  credentials: SecretFile;
}

export interface OAuth2 {
  clientId: string;
  /** → `client_secret_file`. */
  clientSecret: SecretFile;
  tokenUrl: string;
  scopes?: readonly string[];
  endpointParams?: Readonly<Record<string, string>>;
}

export interface TlsConfig {
  /** CA certificate file to verify the target with. */
  caFile?: string;
  /** Client certificate file. */
  certFile?: string;
  /** Client key: a secret file (→ `key_file`). */
  key?: SecretFile;
  /** Server name the certificate must carry (SNI). */
  serverName?: string;
  /** Skip verifying the target's certificate (never in production). */
  insecureSkipVerify?: boolean;
}

export interface ScrapeAuth {
  basicAuth?: BasicAuth;
  /** `Authorization: <type> <credentials>` header (bearer tokens). */
  authorization?: Authorization;
  oauth2?: OAuth2;
  /** TLS settings for `https` targets (`tls_config`). */
  tls?: TlsConfig;
}
