/**
 * The blueprint fuzz runs, shared by the Jest suite (test/fuzz/blueprints.test.ts) and `scripts/fuzz.ts --suite
 * blueprints`:
 * - mutated: seeded mutations (test/fuzz/mutate.ts) of the reference blueprints (examples/blueprints.ts) and of random
 *   valid ones; each case must be a clean validation error or a compliant synthesis;
 * - valid: random valid blueprints (test/fuzz/generate.ts) of every model and α′ case; each must pass validation and
 *   synthesize with the guard on.
 * Every case derives its own seed from the run's seed and its number, so a failure replays alone.
 */
import { CASES, MODELS, randomValidBlueprint } from './generate';
import { clone, mutate } from './mutate';
import { Rng } from './rng';
import { describeBlueprint, Engine, runCase, Tally } from './run';
import { BLUEPRINTS } from '../../examples/blueprints';
import { NetworkModel } from '../../src';

/** The seed of case `i` of a run: one case replays without the others. */
export const caseSeed = (seed: number, i: number): number => (seed * 1_000_003 + i * 7_919) % 2 ** 32;

/** The mutated blueprint of case `i` (for replaying a failure). */
export function mutatedCase(seed: number, i: number): { blueprint: unknown; name: string } {
  const rng = new Rng(caseSeed(seed, i));
  const names = Object.keys(BLUEPRINTS);
  const fromExample = rng.chance(0.5);
  const baseName = fromExample ? rng.pick(names) : 'random';
  const base = fromExample ? clone(BLUEPRINTS[baseName]) : clone(randomValidBlueprint(rng.fork()));
  const { blueprint, mutations } = mutate(base, rng);
  return { blueprint, name: `mutated #${i} of ${baseName} (seed ${seed}): ${mutations.join('; ') || '(no mutation applied)'}` };
}

/** The random valid blueprint of case `i`: models and α′ cases in rotation, the rest random. */
export function validCase(seed: number, i: number): { blueprint: unknown; name: string } {
  const rng = new Rng(caseSeed(seed, i));
  // Rotation over (α, α′ ア, α′ イ, α′ ウ, β, β′), so that every model and case is covered evenly.
  const slot = i % 6;
  const model = slot === 0 ? NetworkModel.ALPHA : slot <= 3 ? NetworkModel.ALPHA_PRIME : MODELS[slot - 2];
  const blueprint = randomValidBlueprint(rng, { model, alphaPrimeCase: model === NetworkModel.ALPHA_PRIME ? CASES[slot - 1] : undefined });
  return { blueprint, name: `valid #${i} (seed ${seed}, ${model}${model === NetworkModel.ALPHA_PRIME ? ` ${CASES[slot - 1]}` : ''})` };
}

export interface RunOptions {
  readonly engine: Engine;
  readonly cases: number;
  readonly seed: number;
  readonly log?: (line: string) => void;
  readonly progressEvery?: number;
}

/**
 * Let the event loop turn between cases: the guard drops the render it keeps for the synthesizer in a microtask, which
 * a synchronous loop of thousands of syntheses would never let run (each keeps its whole stack alive until then).
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Mutated blueprints: each a clean validation error or a compliant synthesis. */
export async function runMutated(o: RunOptions): Promise<Tally> {
  const tally = new Tally(o.engine, 'mutated');
  for (let i = 0; i < o.cases; i++) {
    const { blueprint, name } = mutatedCase(o.seed, i);
    tally.add(name, runCase(o.engine, blueprint), () => describeBlueprint(blueprint), undefined, blueprint);
    await turn();
    if (o.progressEvery && (i + 1) % o.progressEvery === 0) o.log?.(`  ${i + 1} cases, ${tally.failures.length} failures`);
  }
  return tally;
}

/** Random valid blueprints: each must validate and synthesize with the guard on. */
export async function runValid(o: RunOptions): Promise<Tally> {
  const tally = new Tally(o.engine, 'valid');
  for (let i = 0; i < o.cases; i++) {
    const { blueprint, name } = validCase(o.seed, i);
    // One case in 25 also runs aws-cdk-lib's CloudFormation rules, failing on their errors (see SynthOptions).
    tally.add(name, runCase(o.engine, blueprint, { cloudFormationRules: i % 25 === 0 }), () => describeBlueprint(blueprint), 'compliant', blueprint);
    await turn();
    if (o.progressEvery && (i + 1) % o.progressEvery === 0) o.log?.(`  ${i + 1} cases, ${tally.failures.length} failures`);
  }
  return tally;
}

/** The failures of a run, readable (each with the blueprint, to turn into a named regression). */
export function failureReport(tally: Tally, max = 5): string {
  return tally.failures.slice(0, max).map((f) => `--- ${f.name}\n${f.verdict}: ${f.detail}\nblueprint: ${f.blueprint}`).join('\n')
    + (tally.failures.length > max ? `\n… and ${tally.failures.length - max} more` : '');
}
