/**
 * Whether we run in CI: `CI` set to anything but empty, `false` or `0` (any case), as CI services
 * set it (`true`, `1`, `yes`) and as vitest reads it. One definition for every place that asks.
 */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env['CI'] ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}
