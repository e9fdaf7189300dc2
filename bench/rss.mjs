// Preloaded into each measured process (`node --import ./bench/rss.mjs …`): on exit, appends the
// process's peak resident set size (KiB) to $TOTEM_MON_BENCH_RSS.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.TOTEM_MON_BENCH_RSS;
  if (file) appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
