import type { Diagnostic } from '../diagnostic.js';

/**
 * A problem with the output folder itself (a symlink, a file in the way, a failed write, a lock):
 * an exit-1 finding about a file of out/, never an internal error. Thrown inside src/io/ and turned
 * into a Diagnostic by the writer.
 */
export class OutputProblem extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'OutputProblem';
  }
}

export function outputProblem(id: string, file: string, message: string, hint?: string): OutputProblem {
  return new OutputProblem({ id, severity: 'error', message, file, ...(hint ? { hint } : {}) });
}

const ERRNO_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOENT: 'a part of the path does not exist',
  ELOOP: 'it is a symbolic link',
  EIO: 'input/output error',
  EXDEV: 'it is on another file system',
  EBUSY: 'it is busy',
  EMFILE: 'too many open files',
};

const ERRNO_HINT: Record<string, string> = {
  ENOSPC: 'free space on that disk, then run `totem-mon generate` again: it finishes the interrupted write by itself',
  EDQUOT: 'free space within your quota, then run `totem-mon generate` again: it finishes the interrupted write by itself',
  EACCES: 'make that folder writable for this user (or choose another --out), then run `totem-mon generate` again',
  EPERM: 'make that folder writable for this user (or choose another --out), then run `totem-mon generate` again',
  EROFS: 'that file system is mounted read-only: choose another --out, or remount it writable',
};

export function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * A failed file-system call as a finding: what was being done, to which file (relative `file`, full
 * path in the message), and why in words. Anything that is not an errno error is a real bug: rethrown.
 */
export function writeFailed(error: unknown, action: string, file: string, full: string): OutputProblem {
  if (error instanceof OutputProblem) return error;
  if (!isErrno(error)) throw error;
  const code = error.code ?? 'EIO';
  const why = ERRNO_TEXT[code] ?? error.message;
  return outputProblem(
    'output/write-failed',
    file,
    `could not ${action} ${full}: ${why} (${code})`,
    ERRNO_HINT[code] ?? 'fix the cause, then run `totem-mon generate` again: it finishes or undoes the interrupted write by itself',
  );
}
