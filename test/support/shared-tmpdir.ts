/**
 * The temporary folder shared by every test file (test/support/temporary-folder.ts gives each test file a folder of its
 * own, removed after it): for what is kept across test files and runs on purpose — the transpiled sources
 * (transpiled.ts), where the offline provider mirror was found (terraform.ts). Outside Jest, the system's.
 */
import * as os from 'os';

/** Where temporary-folder.ts keeps the system's temporary folder for the test file's modules (the file's global object). */
export const SHARED_TMPDIR = Symbol.for('jichitai.test.sharedTmpdir');

export function sharedTmpdir(): string {
  return (globalThis as any)[SHARED_TMPDIR] ?? os.tmpdir();
}
