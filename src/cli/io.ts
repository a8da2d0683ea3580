import * as fs from 'fs';
import * as path from 'path';

/** Where the CLI writes; tests pass their own to run it in-process. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
}

/** The exit codes of `jichitai-network` (README "Command line"). */
export const EXIT = {
  /** Every checked stack complies (warnings and acknowledged findings do not fail a check). */
  COMPLIANT: 0,
  /** At least one blocking finding (critical or error severity, not acknowledged). */
  FINDINGS: 1,
  /** The input cannot be judged: unreadable, unparseable, unknown kind, bad flags or mapping, or nothing to check. */
  UNUSABLE: 2,
} as const;

/** An input the CLI cannot judge (exit 2): the message says what is wrong and what to do. */
export class CliError extends Error {
  constructor(message: string, public readonly problems: readonly string[] = []) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Write a file atomically: to a temporary file in the same directory, then rename over the target (rename is atomic
 * within one file system, POSIX rename(2)), so that a reader never sees half a file. Shared by the CLI and the
 * design documents written at synthesis (src/docs/files.ts); a failure leaves no temporary file and is rethrown.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** `writeFileAtomic` for the CLI: a failure is a usage error naming the flag that gave the path. */
export function writeAtomic(file: string, text: string | Uint8Array, flag = '--output'): void {
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    throw new CliError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); give ${flag} a path in a writable directory`);
  }
}
