/**
 * The command line in a process of its own, for tests that need one (the process's locale, LANG / LC_ALL, is fixed when
 * Node starts): `node <transpiled>/test/support/run-cli.js <command> …` (test/support/transpiled.ts) writes what the
 * command writes and exits with its code.
 */
import { main } from '../../src/cli/main';

let out = '';
void main(process.argv.slice(2), { stdout: (t) => { out += t; }, stderr: (t) => { process.stderr.write(t); } })
  .then((code) => {
    process.stdout.write(out);
    process.exitCode = code;
  });
