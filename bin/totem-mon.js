#!/usr/bin/env node
// Thin launcher: the CLI is dist/totem-mon.cjs, one bundled file (built by `npm run build`, which
// `npm ci` runs via `prepare`; scripts/bundle.mjs), run from its code cache (./run-bundle.js).
// CommonJS, as every file of bin/ (./package.json): an ES module entry would start Node's ES module
// loader first, ~8 ms of CPU before the loader process is even started (./run-bundle.js
// preforkLoader); nothing in the CLI's run needs it.
const { runBundle } = require('./run-bundle.js');

runBundle(process.argv).then((code) => {
  process.exitCode = code;
});
