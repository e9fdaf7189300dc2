import { Command, CommanderError } from 'commander';
import { ownPackage } from '../io/own-package.js';
import { UsageError, UsageFindingsError } from '../diagnostic.js';
import { redactText } from '../report/redact.js';

// Exit codes: 0 ok, 1 findings or bad definitions, 2 usage error or missing tool.
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const DEFINITIONS_HELP = 'folder with index.ts that default-exports the project (default: definitions, or definitions in totem-mon.config.ts)';
const CONFIG_HELP = 'the config file (default: totem-mon.config.ts in the current folder or the nearest one above it)';

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('totem-mon')
    .description('Monitoring as code: TypeScript definitions → Prometheus, Alertmanager and Grafana configuration.')
    .version(ownPackage().version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('init')
    .description('create a monitoring repository in DIR (default: the current folder): definitions of a small web service, config, CI; existing files are never overwritten')
    .argument('[dir]', 'the folder to create it in', '.')
    .option('--force', 'overwrite the files that exist already')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const { initCommand } = await import('./init.js');
      setExit(await initCommand({ dir, force: Boolean(opts.force) }));
    });

  program
    .command('generate')
    .description('compile the definitions into out/ (Prometheus rules and config, Alertmanager config, Grafana dashboards)')
    .option('-d, --definitions <dir>', DEFINITIONS_HELP)
    .option('-o, --out <dir>', 'output folder; only files totem-mon generated there are ever changed (default: out, or out in totem-mon.config.ts)')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--check', 'write nothing; exit 1 and show what differs (a bounded diff per file), is missing or is extra')
    .option('--stat', 'with --check: list the files and count their changed lines, without the diff')
    .option('-f, --format <format>', 'with --check: report format: text, json or github (workflow annotations)', 'text')
    .option('--repair', 'rebuild a damaged manifest and take back the files it lists, even when changed since generated')
    .option('--load-timeout <seconds>', `how long the definitions may take to load (default 30; or $TOTEM_MON_LOAD_TIMEOUT)`)
    .action(async (opts: { definitions?: string; out?: string; config?: string; check?: boolean; repair?: boolean; stat?: boolean; format: string; loadTimeout?: string }) => {
      const { generateCommand } = await import('./generate.js');
      setExit(await generateCommand(opts));
    });

  program
    .command('validate')
    .description('check the definitions offline, then run the real promtool and amtool on the generated output (for CI)')
    .option('-d, --definitions <dir>', DEFINITIONS_HELP)
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-f, --format <format>', 'report format: text, json or github (workflow annotations)', 'text')
    .option('--offline', "skip promtool and amtool; only totem-mon's own checks")
    .option('--require-tests', 'an alert without a firing and a quiet test case, or a route no routing test reaches, is an error')
    .option('--strict', 'every warning is an error (an alert that only the default route takes, an unmatched route, …)')
    .option('--load-timeout <seconds>', `how long the definitions may take to load (default 30; or $TOTEM_MON_LOAD_TIMEOUT)`)
    .action(async (opts: { definitions?: string; config?: string; format: string; offline?: boolean; requireTests?: boolean; strict?: boolean; loadTimeout?: string }) => {
      const { validateCommand } = await import('./validate.js');
      setExit(await validateCommand(opts));
    });

  program
    .command('check-metrics')
    .description('compare what a target exposes on /metrics (a URL, or a saved exposition file) with the catalogue')
    .argument('<source>', 'http(s) URL of a /metrics endpoint, or a file holding an exposition (text format 0.0.4)')
    .option('-d, --definitions <dir>', 'folder with index.ts that default-exports the project', 'definitions')
    .option('-f, --format <format>', 'report format: text, json or github (workflow annotations)', 'text')
    .option('--exporter <name>', "compare with this exporter's metrics (e.g. node_exporter) instead of the application's")
    .option('--strict', 'a metric the catalogue does not declare is an error, not a warning')
    .option('--load-timeout <seconds>', `how long the definitions may take to load (default 30; or $TOTEM_MON_LOAD_TIMEOUT)`)
    .action(async (source: string, opts: { definitions: string; format: string; exporter?: string; strict?: boolean; loadTimeout?: string }) => {
      const { checkMetricsCommand } = await import('./check-metrics.js');
      setExit(await checkMetricsCommand(source, opts));
    });

  program
    .command('import')
    .description('write definitions from existing monitoring files: Prometheus rule files, PrometheusRule manifests, mimirtool namespaces, promtool tests; report what was converted, guessed or kept raw')
    .argument('<inputs...>', 'files, or folders whose .yml/.yaml/.json files are read')
    .option('--into <dir>', 'the definitions folder to write (existing files are never overwritten without --force)', 'definitions')
    .option('--force', 'overwrite the files that exist already')
    .option('--dry-run', 'write nothing; only report')
    .option('--name <name>', "the project's name (default: the name of the folder holding --into)")
    .option('--metrics <url|file>', "a target's /metrics (URL, or a saved exposition): its TYPE, HELP and buckets replace the catalogue's guesses")
    .option('-f, --format <format>', 'report format: text or json', 'text')
    .action(async (inputs: string[], opts: { into: string; force?: boolean; dryRun?: boolean; name?: string; metrics?: string; format: string }) => {
      const { importCommand } = await import('./import.js');
      setExit(await importCommand(inputs, opts));
    });

  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit, so tests can call it). */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      const findings = error instanceof UsageFindingsError ? `${(await import('../report/text.js')).renderText(error.diagnostics, { color: false })}\n` : '';
      process.stderr.write(redactText(`totem-mon: ${error.message}\n${findings}${error.hint ? `  hint: ${error.hint}\n` : ''}`));
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(redactText(`totem-mon: internal error (a bug in totem-mon, please report it with this output):\n${message}\n`));
    return EXIT_USAGE;
  }
}
