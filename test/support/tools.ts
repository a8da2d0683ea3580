import { execFileSync } from 'child_process';

/**
 * Integration tests that need a real program (terraform with the offline provider mirror, Squid, c-icap)
 * call this. In CI (`CI` set) a missing tool is a failure; elsewhere the file's tests are skipped, and a skipped test
 * titled "SKIPPED: ... because ..." says so: Jest lists it as skipped, and test/support/skip-reporter.js repeats it
 * after Jest's summary, so that nobody mistakes the skip for a pass.
 *
 * @returns true when the tool is there and the test should run.
 */
export function requireTool(tool: string, available: boolean, why: string): boolean {
  if (available) return true;
  const message = `${tool} is not available: ${why}`;
  if (process.env.CI) {
    throw new Error(`${message}. CI must provide it (.ci/run installs it); refusing to skip.`);
  }
  test.skip(`SKIPPED: the tests of this file need ${tool}, because ${message}`, () => undefined);
  return false;
}

/** Path of an executable on PATH (or at one of `extra` paths), or undefined. */
export function findExecutable(name: string, extra: string[] = []): string | undefined {
  for (const candidate of extra) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch { /* try next */ }
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
