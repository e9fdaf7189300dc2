// Preloaded into each measured Node process through NODE_OPTIONS (`--require …/bench/rss.cjs`), so
// that totem-mon's loader process (the definitions run in a process of their own) is measured too:
// on exit, appends "<pid> <parent pid> <peak resident set size in KiB> <CPU time in µs (user +
// system)>" to $TOTEM_MON_BENCH_RSS. CommonJS, preloaded with --require: an ES module preloaded
// with --import would start Node's ES module loader in every measured process, which totem-mon's
// launcher and loader process do not start (~15-20 ms of Totem's generate, measured).
'use strict';
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

process.on('exit', () => {
  if (!isMainThread) return; // a worker thread's resourceUsage() is the whole process's: counted once, by the main thread
  const file = process.env.TOTEM_MON_BENCH_RSS;
  const usage = process.resourceUsage();
  if (file) appendFileSync(file, `${process.pid} ${process.ppid} ${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
