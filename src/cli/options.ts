/** The folders the commands use when no flag names them. */
export const DEFAULT_DEFINITIONS = 'definitions';
export const DEFAULT_OUT = 'out';

/** The command line that runs `command` again with the same definitions and output. */
export function rerun(command: string, options: { definitions: string; out?: string }): string {
  const quote = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const flags = [
    ...(options.definitions !== DEFAULT_DEFINITIONS ? ['--definitions', quote(options.definitions)] : []),
    ...(options.out !== undefined && options.out !== DEFAULT_OUT ? ['--out', quote(options.out)] : []),
  ];
  return ['totem-mon', command, ...flags].join(' ');
}

