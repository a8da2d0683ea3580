#!/usr/bin/env node
// The `jichitai-network` executable (package.json "bin"). The work is in main.ts, which tests run in-process.
import { main } from './main';

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`jichitai-network: ${String(e)}\n`);
  process.exitCode = 2;
});
