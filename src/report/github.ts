import type { Diagnostic } from '../diagnostic.js';
import { formatPath, sortDiagnostics } from '../diagnostic.js';
import { redactDiagnostic } from './redact.js';
import { checkDocs, isCheckId } from '../check-ids.js';

// GitHub Actions workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** One `::error file=…,line=…,col=…,title=…::message` line per diagnostic, at the definition's source line. */
export function renderGithub(diagnostics: readonly Diagnostic[], fallbackFile: string): string {
  return sortDiagnostics(diagnostics)
    .map(redactDiagnostic)
    .map((d) => {
      const file = d.source?.file ?? fallbackFile;
      const props = [`file=${escapeProperty(file)}`, `line=${d.source?.line ?? 1}`];
      if (d.source?.column) props.push(`col=${d.source.column}`);
      props.push(`title=${escapeProperty(d.id)}`);
      const where = formatPath(d.path);
      const text = [where ? `${where}: ${d.message}` : d.message, d.hint ? `hint: ${d.hint}` : '', isCheckId(d.id) ? `docs: ${checkDocs(d.id)}` : '']
        .filter(Boolean)
        .join('\n');
      return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(text)}`;
    })
    .join('\n');
}
