/**
 * Long fuzz runs:
 *
 * - `oracle` (the default): the guard's verdicts MN-1, MN-2, LG-1, MN-3, MN-4, SC-1 and GUARD-1 (path parts) against the brute-force oracle of
 *   test/oracle/ (test/guard/oracle-property.test.ts), on random topologies of both engines.
 *
 *     ts-node --project test/tsconfig.json scripts/fuzz.ts [--cases N] [--seed S] [--engine cloudformation|terraform]
 *
 *   --cases defaults to 100000 per engine, --seed to a random one (printed, to replay a run), --engine to both. Prints
 *   the cases per second and the seed; on a disagreement prints the shrunk case (add it to test/oracle/regressions.ts)
 *   and exits 1.
 *
 * - `blueprints`: the blueprint fuzz of test/fuzz/ (mutated blueprints must be clean validation errors or compliant
 *   syntheses, random valid ones compliant syntheses, with the guard on, in AWS CDK and CDKTF).
 *
 *     ts-node --project test/tsconfig.json scripts/fuzz.ts --suite blueprints [--cases N] [--valid M] [--seed S] [--engine cdk|cdktf]
 *
 *   --cases (mutated) defaults to 20000 per engine, --valid to 2000, --seed to a random one, --engine to both. Prints the
 *   tally lines; on a failure prints the case (its name replays it: test/fuzz/suite.ts mutatedCase / validCase) and
 *   exits 1: keep it in test/fuzz/regressions.ts.
 *
 * - `unreadable`: the unreadable-value sweep of test/guard/unreadable-sweep.test.ts over every (example, mutation) pair
 *   of both mutation suites and every mutation of the reference prefecture (or --cases N of each per engine, chosen with
 *   --seed): each value of what a mutation adds or changes made a parameter, a condition's choice or a variable must
 *   leave it refused. Runs the Jest file; exits as it does.
 *
 *     ts-node --project test/tsconfig.json scripts/fuzz.ts --suite unreadable [--cases N] [--seed S]
 *
 * - `deploy-code`: the independent oracle of the deploy-time code check (test/oracle/deploy-code.oracle.test.ts): random
 *   templates of custom resources, triggers (rules, schedules, pipes, event source mappings, subscriptions, Config rules),
 *   functions, roles and policies, and Terraform configurations and plans with provisioners, invocations and triggers, judged by the guard and by the oracle written from docs/guard-semantics.md §10 alone. --cases defaults
 *   to 100000. Runs the Jest file; exits as it does.
 *
 *     ts-node --project test/tsconfig.json scripts/fuzz.ts --suite deploy-code [--cases N] [--seed S]
 *
 * - `relays`: the independent oracle of service relays (test/oracle/relays.oracle.test.ts): random networks of
 *   functions, queues, topics, buses, buckets, deliveries, resource policies, endpoints and IAM grants, judged by the
 *   guard and by the oracle written from docs/guard-semantics.md §14 alone. --cases defaults to 20000. Runs the Jest file.
 *
 *     ts-node --project test/tsconfig.json scripts/fuzz.ts --suite relays [--cases N] [--seed S]
 *
 * - `squid`: the guard's judgment of Squid configurations (what ssl_bump does with a host, the tenant header's client
 *   copy deleted and the proxy's value added, what http_reply_access does with a reply, whether a hub proxy's
 *   http_access refuses every private and member destination, which ICAP RESPMOD service gets a reply) against the real
 *   Squid on random configurations (test/integration/squid-judgment.test.ts; needs Debian's squid-openssl and c-icap).
 *   --cases defaults to 200 (about 2 s each). Runs the Jest file; exits as it does.
 *
 *     ts-node --project test/tsconfig.json scripts/fuzz.ts --suite squid [--cases N] [--seed S]
 */
import { spawnSync } from 'child_process';
import { Engine as BlueprintEngine, ENGINES } from '../test/fuzz/run';
import { failureReport, runMutated, runValid } from '../test/fuzz/suite';
import { runProperty } from '../test/oracle/compare';
import { Engine } from '../test/oracle/network';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const suite = arg('suite') ?? 'oracle';
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));

async function blueprints(): Promise<void> {
  const cases = Number(arg('cases') ?? 20_000);
  const valid = Number(arg('valid') ?? 2_000);
  const engines = arg('engine') ? [arg('engine') as BlueprintEngine] : [...ENGINES];
  if (![cases, valid, seed].every((n) => Number.isInteger(n) && n >= 0) || engines.some((e) => !ENGINES.includes(e))) {
    console.error('usage: fuzz.ts --suite blueprints [--cases N] [--valid M] [--seed S] [--engine cdk|cdktf]');
    process.exit(2);
  }
  console.log(`blueprint fuzz: ${cases} mutated and ${valid} valid blueprints per engine, seed ${seed}`);
  let failed = false;
  for (const engine of engines) {
    for (const [run, n] of [[runMutated, cases], [runValid, valid]] as const) {
      const tally = await run({ engine, cases: n, seed, log: (line) => console.log(line), progressEvery: 1_000 });
      console.log(tally.line(seed));
      if (tally.failures.length > 0) {
        console.log(failureReport(tally, 20));
        failed = true;
      }
    }
  }
  process.exit(failed ? 1 : 0);
}

if (suite === 'blueprints') {
  void blueprints();
} else if (suite === 'oracle') {
  const cases = Number(arg('cases') ?? 100_000);
  const engines: Engine[] = arg('engine') ? [arg('engine') as Engine] : ['cloudformation', 'terraform'];
  if (!Number.isInteger(cases) || cases <= 0 || !Number.isInteger(seed) || engines.some((e) => e !== 'cloudformation' && e !== 'terraform')) {
    console.error('usage: fuzz.ts [--suite oracle] [--cases N] [--seed S] [--engine cloudformation|terraform]');
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
} else if (suite === 'unreadable') {
  const cases = arg('cases') ?? 'all';
  console.log(`unreadable-value sweep: ${cases === 'all' ? 'every (example, mutation) pair' : `${cases} (example, mutation) pairs per engine`}, seed ${seed}`);
  // The sweep reads the mutation suites through Jest's module system (their files register Jest tests): it runs in Jest.
  const run = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['jest', '--ci', 'test/guard/unreadable-sweep.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, UNREADABLE_SWEEP_MUTATIONS: cases, UNREADABLE_SWEEP_PREFECTURES: cases, UNREADABLE_SWEEP_SEED: String(seed) },
  });
  process.exit(run.status ?? 1);
} else if (suite === 'deploy-code') {
  const cases = arg('cases') ?? '100000';
  console.log(`deploy-code oracle: ${cases} cases per engine, seed ${seed}`);
  const run = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['jest', '--ci', 'test/oracle/deploy-code.oracle.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, DEPLOY_CODE_ORACLE_CASES: cases, DEPLOY_CODE_ORACLE_SEED: String(seed) },
  });
  process.exit(run.status ?? 1);
} else if (suite === 'relays') {
  const cases = arg('cases') ?? '20000';
  console.log(`relays oracle: ${cases} cases, seed ${seed}`);
  const run = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['jest', '--ci', 'test/oracle/relays.oracle.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, RELAY_ORACLE_CASES: cases, RELAY_ORACLE_SEED: String(seed) },
  });
  process.exit(run.status ?? 1);
} else if (suite === 'squid') {
  const cases = arg('cases') ?? '200';
  console.log(`Squid judgment oracle: ${cases} random configurations, seed ${seed}`);
  const run = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['jest', '--ci', 'test/integration/squid-judgment.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SQUID_ORACLE_CASES: cases, SQUID_ORACLE_SEED: String(seed) },
  });
  process.exit(run.status ?? 1);
} else {
  console.error(`unknown suite "${suite}": use oracle (the default), blueprints, unreadable, deploy-code, relays or squid`);
  process.exit(2);
}
