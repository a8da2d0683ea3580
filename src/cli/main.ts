import { Command, CommanderError } from 'commander';
import { registerCheck } from './check';
import { registerDiff } from './diff';
import { registerDocs } from './docs';
import { registerExplain } from './explain';
import { packageInfo } from './formats';
import { CliError, CliIo, EXIT } from './io';

/**
 * The commands of `jichitai-network`: one module per command under src/cli/, each a `register(program, io, setExit)`.
 * A new command (explain, diff) is one more entry here.
 */
const COMMANDS: readonly ((program: Command, io: CliIo, setExit: (code: number) => void) => void)[] = [
  registerCheck,
  registerExplain,
  registerDiff,
  registerDocs,
];

/**
 * Run the CLI on `argv` (the arguments after the program name, as `process.argv.slice(2)`), writing to `io`; resolves
 * to the exit code (0 compliant, 1 findings, 2 unusable input). Never exits the process itself.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.COMPLIANT;
  const program = new Command('jichitai-network')
    .description('Judge synthesized AWS network artifacts against the MIC three-layer separation (三層の対策) of Japanese municipalities.')
    .version(packageInfo().version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  COMMANDS.forEach((register) => register(program, io, (c) => { code = c; }));
  program.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(run with --help for usage)'));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end in a CommanderError with exit code 0; a usage error has already been printed.
      return e.exitCode === 0 ? EXIT.COMPLIANT : EXIT.UNUSABLE;
    }
    if (e instanceof CliError) {
      io.stderr(`jichitai-network: error: ${e.message}\n${e.problems.map((p) => `  - ${p}\n`).join('')}`);
      return EXIT.UNUSABLE;
    }
    io.stderr(`jichitai-network: error: ${(e as Error)?.stack ?? String(e)}\nThis is a bug in jichitai-network or an input it cannot read; please report it with the input.\n`);
    return EXIT.UNUSABLE;
  }
}
