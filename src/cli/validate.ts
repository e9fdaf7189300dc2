import { UsageError } from '../diagnostic.js';
import { loadTimeoutMs } from '../io/loader/timeout.js';
import { progress } from '../report/progress.js';
import { folderSettings, resolveAndLoad, withSourcesOutsideOut } from '../app/config.js';
import { assertOutFolder } from '../io/out-folder.js';
import { assertToolTimeout, lookUpTools } from '../validate/tools.js';
import { importing } from './importing.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface ValidateCommandOptions {
  /** --definitions and --config: the flag wins over totem-mon.config.ts (src/app/config.ts). */
  definitions?: string;
  config?: string;
  format: string;
  offline?: boolean;
  requireTests?: boolean;
  strict?: boolean;
  /** --load-timeout, in seconds (else $TOTEM_MON_LOAD_TIMEOUT, else the default). */
  loadTimeout?: string;
}

/** `totem-mon validate`: one report of our checks and the real tools' findings. Returns the exit code. */
export async function validateCommand(options: ValidateCommandOptions): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}"`, 2, `use one of: ${FORMATS.join(', ')}`);
  }
  const format = options.format as Format;
  const timeoutMs = loadTimeoutMs(options.loadTimeout);
  if (!options.offline) assertToolTimeout();
  // The config and the definitions load in a process of their own while this one imports the
  // checks, the tool runs and the report (modules of the bundle that run when imported:
  // scripts/bundle.mjs), and the tools'
  // `--version`s run (each once), started once the loader is.
  const resolving = resolveAndLoad(options, { loadTimeoutMs: timeoutMs });
  const tools = options.offline ? undefined : lookUpTools();
  const report = importing(import('./validate-report.js'));
  const validating = importing(import('../app/validate.js'));
  const { run, loaded, cancel } = await resolving;
  // validate writes no out/ (the tools run on a temporary copy), but a config whose out/ generate
  // refuses (inside the definitions folder, say) is a wrong config: it is refused here too, as it
  // is by generate and generate --check. Without a config there is no out/ setting to judge.
  if (run.config !== undefined) {
    try {
      assertOutFolder(folderSettings(run));
    } catch (error) {
      cancel();
      throw error;
    }
  }
  const definitions = run.definitions;
  // The files the config and the definitions load, read or list may not lie in the out/ generate
  // writes, with a config or without (then generate's default out/, here), as generate refuses them.
  const checked = withSourcesOutsideOut(run, loaded, 'validate');
  const { validate } = await validating;
  const offline = Boolean(options.offline);
  // Progress only for people watching a terminal; CI logs and machine formats stay plain.
  const onStep = format === 'text' ? progress(process.stderr) : undefined;
  const validated = await validate({
    definitions,
    settings: run.settings,
    offline,
    requireTests: Boolean(options.requireTests),
    strict: Boolean(options.strict),
    loaded: checked,
    ...(tools ? { tools } : {}),
    ...(onStep ? { onStep } : {}),
  });
  // What the config file printed while loading is reported with the rest.
  const result = { ...validated, diagnostics: [...run.warnings, ...validated.diagnostics] };
  const { printValidateReport } = await report;
  return printValidateReport(definitions, format, offline, result, run.config);
}
