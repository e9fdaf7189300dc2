/** Release order of Prometheus and Alertmanager versions (`2.42` < `2.53` < `3.0` < `3.10`). */

function parts(version: string): number[] {
  return version.split('.').map(Number);
}

/** Whether `version` is `since` or later. */
export function atLeast(version: string, since: string): boolean {
  const [a, b] = [parts(version), parts(since)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
