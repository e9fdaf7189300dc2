// Preloaded into each measured Node process through NODE_OPTIONS (`--import …/bench/rss.mjs`), so
// that totem-mon's loader process (the definitions run in a process of their own) is measured too:
// on exit, appends "<pid> <parent pid> <peak resident set size in KiB> <CPU time in µs (user +
// system)>" to $TOTEM_MON_BENCH_RSS.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

process.on('exit', () => {
  if (!isMainThread) return; // a worker thread's resourceUsage() is the whole process's: counted once, by the main thread
  const file = process.env.TOTEM_MON_BENCH_RSS;
  const usage = process.resourceUsage();
  if (file) appendFileSync(file, `${process.pid} ${process.ppid} ${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
