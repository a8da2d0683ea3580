/**
 * Long runs of the oracle property (test/guard/oracle-property.test.ts): the guard's verdicts MN-1, MN-2, LG-1 and
 * MN-3 against the brute-force oracle of test/oracle/, on random topologies of both engines.
 *
 *   ts-node --project test/tsconfig.json scripts/fuzz.ts [--cases N] [--seed S] [--engine cloudformation|terraform]
 *
 * --cases defaults to 100000 per engine, --seed to a random one (printed, to replay a run), --engine to both. Prints
 * the cases per second and the seed; on a disagreement prints the shrunk case (add it to test/oracle/regressions.ts)
 * and exits 1.
 */
import { runProperty } from '../test/oracle/compare';
import { Engine } from '../test/oracle/network';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const cases = Number(arg('cases') ?? 100_000);
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));
const engines: Engine[] = arg('engine') ? [arg('engine') as Engine] : ['cloudformation', 'terraform'];
if (!Number.isInteger(cases) || cases <= 0 || !Number.isInteger(seed) || engines.some((e) => e !== 'cloudformation' && e !== 'terraform')) {
  console.error('usage: fuzz.ts [--cases N] [--seed S] [--engine cloudformation|terraform]');
  process.exit(2);
}

console.log(`oracle fuzz: ${cases} cases per engine, seed ${seed}`);
let failed = false;
for (const engine of engines) {
  const result = runProperty({ engine, cases, seed, log: (line) => console.log(line), progressEvery: 10_000 });
  if (result.disagreements > 0) {
    failed = true;
    break;
  }
}
process.exit(failed ? 1 : 0);
