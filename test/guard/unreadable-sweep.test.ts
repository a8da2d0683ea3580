/**
 * Fail closed, swept (docs/guard-semantics.md §3): every forbidden change of the mutation suites stays refused when any
 * one value of the resources it adds or changes becomes something the guard cannot read at synth time — a template
 * parameter, a choice between two conditions (`Fn::If`), a dynamic reference (`{{resolve:ssm:…}}`, CloudFormation), an input
 * variable (Terraform) — whole lists and nested blocks included. A pass would be a forbidden topology the guard lets
 * through because a value was hidden from it.
 *
 * Each mutation is synthesized once with the guard; the templates it read and the options it judged them with are kept,
 * and each variant is judged again with the same options (extract + evaluate, no synthesis). Any blocking finding is a
 * refusal (GUARD-1 names what could not be read; another rule may still see the path).
 *
 * UNREADABLE_SWEEP_MUTATIONS (default 8 per engine: `npm test` stays quick; CI sets more in .ci/run; `all` takes every
 * one) and UNREADABLE_SWEEP_SEED (default below) choose which (example, mutation) pairs are swept;
 * UNREADABLE_SWEEP_PREFECTURES (default 0; CI sets 2 per engine; `all`) which of the reference prefecture's mutations.
 */
import { registered } from './mutation-suite';
import { BLUEPRINTS } from '../../examples/blueprints';
import * as evaluate from '../../src/guard/evaluate';
import * as cfn from '../../src/guard/extract-cloudformation';
import * as tf from '../../src/guard/extract-terraform';
import { Rng } from '../fuzz/rng';

// The suites' files record their mutations here instead of registering their tests.
registered.collectOnly = true;
/* eslint-disable @typescript-eslint/no-require-imports */
require('./mutations-cdk.test');
require('./mutations-tf.test');
/* eslint-enable @typescript-eslint/no-require-imports */
registered.collectOnly = false;

const SEED = Number(process.env.UNREADABLE_SWEEP_SEED ?? 20261203);
const COUNT = process.env.UNREADABLE_SWEEP_MUTATIONS === 'all' ? Infinity : Number(process.env.UNREADABLE_SWEEP_MUTATIONS ?? 8);

type Path = readonly (string | number)[];

/**
 * What the guard read for one synthesis: its extractor's input (the call with the most stacks: a prefecture's connected
 * set), and the arguments of every evaluation (one per guarded stack).
 */
interface Read {
  readonly engine: string;
  readonly templates: Record<string, any>;
  readonly rest: unknown[];
  readonly evaluations: Parameters<typeof realEvaluate>[];
}

const realCfn = cfn.extractCloudFormation;
const realTf = tf.extractTerraform;
const realEvaluate = evaluate.evaluateTopology;
let extracts: { templates: Record<string, any>; rest: unknown[] }[] = [];
let evaluations: Parameters<typeof realEvaluate>[] = [];
jest.spyOn(cfn, 'extractCloudFormation').mockImplementation((templates, ...rest) => {
  extracts.push({ templates, rest });
  return realCfn(templates, ...rest);
});
jest.spyOn(tf, 'extractTerraform').mockImplementation((stacks, ...rest) => {
  extracts.push({ templates: stacks, rest });
  return realTf(stacks, ...rest);
});
jest.spyOn(evaluate, 'evaluateTopology').mockImplementation((...args) => {
  evaluations.push(args);
  return realEvaluate(...args);
});

/** Synthesize with the guard and keep what it read (a refusal is expected: it is the mutation's). */
function read(engine: string, synth: () => void): Read {
  extracts = [];
  evaluations = [];
  try {
    synth();
  } catch {
    // The refusal: judged again below.
  }
  const widest = [...extracts].sort((a, b) => Object.keys(b.templates).length - Object.keys(a.templates).length)[0];
  if (!widest || evaluations.length === 0) throw new Error('test setup: the guard did not run');
  return { engine, ...widest, evaluations: [...evaluations] };
}

/**
 * Whether `templates`, judged as the guard judged the original (every guarded stack's evaluation), are refused (a
 * blocking finding), or still warned about under the mutation's own rule when that rule is a warning (AP-5).
 */
function refused(r: Read, templates: Record<string, any>, rule: string): boolean {
  const graph = r.engine === 'CDK' ? realCfn(templates, ...(r.rest as [])) : realTf(templates, ...(r.rest as []));
  return r.evaluations.some(([stackName, , options, acks, more]) => {
    // Judged afresh: not the findings or reachability computed for the original.
    const outcome = realEvaluate(stackName, graph, options, acks, { ...more, reach: undefined, findings: undefined });
    return outcome.blocking.length > 0 || outcome.warned.some((f) => f.ruleId === rule);
  });
}

/** The paths of the values inside `v` (itself excluded): every leaf, list and block, an expression as one value. */
function valuePaths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (at.length > 0) out.push(at);
  const expression = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::)/.test(Object.keys(v)[0]);
  if (v === null || typeof v !== 'object' || expression) return out;
  if (Array.isArray(v)) v.forEach((x, i) => valuePaths(x, [...at, i], out));
  else for (const [k, x] of Object.entries(v)) if (k !== '//' && k !== 'depends_on' && k !== 'lifecycle' && k !== 'provider') valuePaths(x, [...at, k], out);
  return out;
}

function replaced(value: any, path: Path, by: (old: unknown) => unknown): any {
  const copy = structuredClone(value);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = by(o[path[path.length - 1]]);
  return copy;
}

/** The resources of a stack's template or configuration, each with a key to find it and its properties' path. */
function resourcesOf(engine: string, template: any): { key: string; value: any; put: (t: any, v: any) => any }[] {
  if (engine === 'CDK') {
    return Object.entries<any>(template.Resources ?? {}).map(([id, r]) => ({
      key: id,
      value: r.Properties ?? {},
      put: (t: any, v: any) => ({ ...t, Resources: { ...t.Resources, [id]: { ...r, Properties: v } } }),
    }));
  }
  return Object.entries<any>(template.resource ?? {}).flatMap(([type, byName]) => Object.entries<any>(byName).map(([name, r]) => ({
    key: `${type}.${name}`,
    value: r,
    put: (t: any, v: any) => ({ ...t, resource: { ...t.resource, [type]: { ...t.resource[type], [name]: v } } }),
  })));
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The ways a value is made unreadable in each engine, with what the template needs for it, and which values each applies
 * to: a CloudFormation parameter is a string, a number or a list (`CommaDelimitedList`, `List<…>`), never an object, so a
 * nested object is hidden by a condition only (a Terraform variable can be anything).
 */
interface Way {
  readonly name: string;
  readonly applies: (old: unknown) => boolean;
  readonly by: (old: unknown) => unknown;
  readonly declare: (t: any) => any;
}

const WAYS: Record<string, readonly Way[]> = {
  CDK: [
    {
      name: 'a parameter',
      applies: (old) => !isObject(old) || /^(Ref|Fn::)/.test(Object.keys(old as object)[0] ?? ''),
      by: () => ({ Ref: 'SweptValue' }),
      declare: (t) => ({ ...t, Parameters: { ...t.Parameters, SweptValue: { Type: 'String' } } }),
    },
    {
      name: 'a condition\'s choice',
      applies: () => true,
      by: (old) => ({ 'Fn::If': ['SweptCondition', old, old] }),
      declare: (t) => ({
        ...t,
        Parameters: { ...t.Parameters, SweptValue: { Type: 'String' } },
        Conditions: { ...t.Conditions, SweptCondition: { 'Fn::Equals': [{ Ref: 'SweptValue' }, 'x'] } },
      }),
    },
    {
      // A dynamic reference (`{{resolve:ssm:…}}`) is a string CloudFormation fills in at deploy time: it stands for a leaf.
      name: 'a dynamic reference',
      applies: (old) => typeof old !== 'object' || old === null,
      by: () => '{{resolve:ssm:/swept/value:1}}',
      declare: (t) => t,
    },
  ],
  CDKTF: [{ name: 'an input variable', applies: () => true, by: () => '${var.swept}', declare: (t) => ({ ...t, variable: { ...t.variable, swept: {} } }) }],
};

const pairs = registered.suites.flatMap((suite) => Object.keys(BLUEPRINTS).flatMap((name) => suite.mutations
  .filter((m) => m.models.includes(BLUEPRINTS[name].model) && m.notSwept === undefined)
  .map((m) => ({ suite, name, mutation: m, label: `${suite.engine} ${name}: ${m.name}` }))));
const rng = new Rng(SEED);
const chosen = [...pairs].map((p) => ({ p, k: rng.next() })).sort((a, b) => a.k - b.k).map(({ p }) => p)
  .filter((p, i, all) => all.slice(0, i).filter((q) => q.suite === p.suite).length < COUNT);

test('both mutation suites were read', () => {
  expect(registered.suites.map((s) => s.engine).sort()).toEqual(['CDK', 'CDKTF']);
  expect(chosen.length).toBeGreaterThan(0);
  // eslint-disable-next-line no-console
  console.log(`unreadable-value sweep: ${chosen.length} of ${pairs.length} (example, mutation) pairs, seed ${SEED}`);
});

let swept = 0;
afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`unreadable-value sweep: ${swept} variants judged`);
});

/**
 * Sweep one mutation: `before` what the guard read of the untouched deployment, `after` of the mutated one. Returns the
 * variants that passed.
 */
function sweep(before: Read, after: Read, rule: string): { passed: string[]; variants: number; removed: boolean } {
  // The sweep means something only if the mutation is refused judged this way (the suites check the rule).
  expect(refused(after, after.templates, rule)).toBe(true);
  const passed: string[] = [];
  let variants = 0;
  let removed = false;
  for (const [stackName, template] of Object.entries(after.templates)) {
    const old = new Map(resourcesOf(after.engine, before.templates[stackName] ?? {}).map((x) => [x.key, JSON.stringify(x.value)]));
    const now = new Set(resourcesOf(after.engine, template).map((x) => x.key));
    removed ||= [...old.keys()].some((k) => !now.has(k));
    for (const resource of resourcesOf(after.engine, template)) {
      if (old.get(resource.key) === JSON.stringify(resource.value)) continue;
      for (const path of valuePaths(resource.value)) {
        const value = path.reduce((o: any, k) => o[k], resource.value);
        for (const way of WAYS[after.engine].filter((w) => w.applies(value))) {
          variants++;
          const changed = way.declare(resource.put(template, replaced(resource.value, path, way.by)));
          if (!refused(after, { ...after.templates, [stackName]: changed }, rule)) passed.push(`${resource.key}.${path.join('.')} as ${way.name}`);
        }
      }
    }
  }
  swept += variants;
  return { passed, variants, removed };
}

/** What the guard read of each untouched example, by engine and example: read once per file, compared with each mutation. */
const untouched = new Map<string, Read>();

describe.each(chosen.map((c) => [c.label, c] as const))('%s', (_, { suite, name, mutation }) => {
  test('stays refused with any one value of what it adds or changes unreadable', () => {
    const key = `${suite.engine} ${name}`;
    const before = untouched.get(key) ?? read(suite.engine, () => suite.synth(suite.example(name).stack));
    untouched.set(key, before);
    const { stack, net } = suite.example(name);
    mutation.apply(stack, net);
    const { passed, variants, removed } = sweep(before, read(suite.engine, () => suite.synth(stack)), mutation.rule);
    // A mutation that only takes something away (a flow log, a route) leaves no value to hide.
    expect(variants > 0 || removed).toBe(true);
    expect(passed).toEqual([]);
  });
});

// The reference prefecture's mutations (SC-1 … SC-4 and a member's segment on the hub): every stack of the prefecture is
// read and each guarded stack judged, so each costs a few seconds; CI and `npm run fuzz -- --suite unreadable` take them.
const prefectures = registered.prefectures.flatMap((suite) => suite.mutations.map((m) => ({ suite, mutation: m, label: `${suite.engine} prefecture: ${m.name}` })));
const PREFECTURES = process.env.UNREADABLE_SWEEP_PREFECTURES === 'all' ? Infinity : Number(process.env.UNREADABLE_SWEEP_PREFECTURES ?? 0);
const prefectureRng = new Rng(SEED);
const chosenPrefectures = [...prefectures].map((p) => ({ p, k: prefectureRng.next() })).sort((a, b) => a.k - b.k).map(({ p }) => p)
  .filter((p, i, all) => all.slice(0, i).filter((q) => q.suite === p.suite).length < PREFECTURES);

test('both prefecture suites were read', () => {
  expect(registered.prefectures.map((s) => s.engine).sort()).toEqual(['CDK', 'CDKTF']);
  // eslint-disable-next-line no-console
  console.log(`unreadable-value sweep: ${chosenPrefectures.length} of ${prefectures.length} prefecture mutations`);
});

if (chosenPrefectures.length > 0) {
  describe.each(chosenPrefectures.map((c) => [c.label, c] as const))('%s', (_, { suite, mutation }) => {
    test('stays refused with any one value of what it adds or changes unreadable', () => {
      const before = read(suite.engine, () => suite.synth(suite.build()));
      const prefecture = suite.build();
      mutation.apply(prefecture);
      const { passed } = sweep(before, read(suite.engine, () => suite.synth(prefecture)), mutation.rule);
      expect(passed).toEqual([]);
    });
  });
}
