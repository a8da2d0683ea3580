/**
 * test/support/temporary-folder.ts: a test file's temporary files go to a folder of its own (removed after the file),
 * what is shared on purpose to the system's temporary folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { sharedTmpdir } from './shared-tmpdir';

test('os.tmpdir() is the file\'s own folder inside the shared one, and an app synthesized without an outdir writes there', () => {
  const own = os.tmpdir();
  expect(path.dirname(own)).toBe(sharedTmpdir());
  expect(path.basename(own)).toMatch(/^jichitai-test-/);
  expect(fs.statSync(own).isDirectory()).toBe(true);
  // Service users of the integration suites (Squid, Postfix, c-icap) must traverse it, as they do the system's.
  expect((fs.statSync(own).mode % 0o1000).toString(8)).toBe('711');
  const app = new App();
  new Stack(app, 'S');
  expect(path.dirname(app.synth().directory)).toBe(own);
});
