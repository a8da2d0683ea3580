/**
 * Jest setup (setupFilesAfterEnv): each test file's temporary files in a folder of its own, removed when the file is done.
 *
 * aws-cdk-lib's `App` and cdktf's `Testing` synthesize into a new folder of the system's temporary folder when given
 * none (`cdk.out…`, `cdktf.outdir.…`), and leave it there: about 2,000 folders and 0.7 GB per `npm test`, piling up on a
 * developer's machine run after run. Here `os.tmpdir()` answers a folder of the test file's own for as long as the file
 * runs (the test files of a Jest worker run one after another), and the folder goes with the file
 * (`JICHITAI_KEEP_TEST_DIRS` keeps it, as the integration suites keep theirs). What is shared across files on purpose
 * asks `sharedTmpdir()` (shared-tmpdir.ts).
 */
import * as fs from 'fs';
// The module object itself, which aws-cdk-lib and cdktf `require`, not a namespace copy of its functions (read-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import os = require('os');
import * as path from 'path';
import { SHARED_TMPDIR } from './shared-tmpdir';

const system = os.tmpdir;
const shared = system();
const own = fs.mkdtempSync(path.join(shared, 'jichitai-test-'));
// Traversable by the service users the integration suites start programs as (Squid's proxy, Postfix's postfix, c-icap's),
// as the system's temporary folder is; not listable (mkdtemp makes it 0700).
fs.chmodSync(own, 0o711);
(globalThis as any)[SHARED_TMPDIR] = shared;
os.tmpdir = () => own;

afterAll(() => {
  os.tmpdir = system;
  if (!process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(own, { recursive: true, force: true });
});
