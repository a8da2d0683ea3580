/**
 * The synthesized output of an untouched reference example, synthesized once per `npm test` (issue 17).
 *
 * About fifty test files synthesize the examples unchanged — to show that a rule holds on them before the same test changes
 * them, or to read what the guard says about them — and in a run of the whole suite that was the same few outputs made about
 * 270 times (a fifth of all synthesis time: the synthesized text of every run hashed and compared). Here the first test
 * file to ask synthesizes the example as any test would and keeps the output in the temporary folder shared by the test
 * files, under a hash of everything that decides it: every file of src/ and examples/, this file, the locked dependency
 * versions, Node's version and the environment the examples read. An edited source file makes a new hash, so an output is
 * never used for code other than the code that made it; within a test file, the output is also kept in memory.
 *
 * Only for examples the test does not change, in files that mock nothing the synthesis uses. What is under test when
 * an example is synthesized — aws-cdk-lib's and cdktf's synthesis with the guard, the examples' templates with
 * CloudFormation's validation (test/cdk/models.test.ts), the CLI on a cloud assembly — is synthesized where it is tested.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Stack } from 'aws-cdk-lib';
import type { TerraformStack } from 'cdktf';
import { sharedTmpdir } from './shared-tmpdir';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import type { cdk, tf } from '../../src';
import { DeclaredFlow, DeclaredSegmentHost, declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { Blueprint } from '../../src/model/validate';

const ROOT = path.resolve(__dirname, '..', '..');

/** An untouched CDK example as the guard reads it: its template and what its stack declares. */
export interface UntouchedCdk {
  readonly stackName: string;
  readonly template: any;
  readonly hosts: readonly DeclaredSegmentHost[];
  /** Undefined when the stack declares no flows (`declaredFlowsOf`). */
  readonly flows?: readonly DeclaredFlow[];
}

/** An untouched CDKTF example: its stack's id and its synthesized configuration (`Testing.synth`, parsed). */
export interface UntouchedTf {
  readonly stackId: string;
  readonly config: any;
  /** Undefined when the stack declares no flows (`declaredFlowsOf`). */
  readonly flows?: readonly DeclaredFlow[];
}

let sourceHash: string | undefined;

/** The hash of everything that decides an example's output (see the file's comment). */
function outputHash(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash('sha256');
  const visit = (rel: string): void => {
    const entries = fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.isFile()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file))).update('\0');
    }
  };
  visit('src');
  visit('examples');
  hash.update(fs.readFileSync(__filename));
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  // The examples read these (design documents on or off, context such as aws-cdk-lib's stack-trace switch).
  for (const name of ['JICHITAI_DESIGN_DOCUMENTS', 'CDK_CONTEXT_JSON', 'CDK_VALIDATION']) hash.update(`${name}=${process.env[name] ?? ''}\0`);
  hash.update(process.version);
  sourceHash = hash.digest('hex').slice(0, 32);
  return sourceHash;
}

/** The outputs this test file has read, as text: each caller gets its own copy to change as it likes. */
const inMemory = new Map<string, string>();

/** `make()`'s result, kept in memory and in the shared temporary folder under `key` and the output hash; a fresh copy each call. */
function kept<T>(key: string, make: () => T): T {
  let text = inMemory.get(key);
  if (text === undefined) {
    const folder = path.join(sharedTmpdir(), `jichitai-untouched-${process.getuid?.() ?? 'user'}`, outputHash());
    const file = path.join(folder, `${key}.json`);
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = JSON.stringify(make());
      fs.mkdirSync(folder, { recursive: true });
      // Written whole, then renamed: a test file reading it at the same time never sees half of it.
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, text);
      fs.renameSync(partial, file);
    }
    inMemory.set(key, text);
  }
  return JSON.parse(text) as T;
}

/** The untouched CDK example `name`: synthesized without the guard's run (the template is the same: the guard only reads it). */
export function untouchedCdk(name: string): UntouchedCdk {
  return kept(`cdk-${name}`, () => {
    const { App, buildCdkExample } = cdkEngine();
    const app = new App({ builtinCloudFormationValidation: false });
    const { stack } = buildCdkExample(name, app);
    const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
    return { stackName: stack.stackName, template, hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) };
  });
}

/** The untouched CDKTF example `name`, synthesized without the guard's run. */
export function untouchedTf(name: string): UntouchedTf {
  return kept(`tf-${name}`, () => {
    const { Testing, buildTfExample } = tfEngine();
    const { stack } = buildTfExample(name, Testing.app());
    return { stackId: stack.node.id, config: JSON.parse(Testing.synth(stack, false)), flows: declaredFlowsOf(stack) };
  });
}

/**
 * The CDK example `name`'s templates by stack name, after `change` (synthesized without the guard's run, which a test of
 * one rule's findings skips); untouched, from the shared synthesis.
 */
export function cdkTemplates(name: string, change?: (stack: Stack, net: cdk.MunicipalNetwork) => void): Record<string, any> {
  if (!change) {
    const untouched = untouchedCdk(name);
    return { [untouched.stackName]: untouched.template };
  }
  const { App, buildCdkExample } = cdkEngine();
  const app = new App();
  const { stack, network } = buildCdkExample(name, app);
  change(stack, network);
  return { [stack.stackName]: app.synth({ skipValidation: true }).getStackByName(stack.stackName).template };
}

/** The CDKTF example `name`'s configuration by stack id, after `change` (without the guard's run); untouched, shared. */
export function tfConfigs(name: string, change?: (stack: TerraformStack, net: tf.MunicipalNetwork) => void): Record<string, any> {
  if (!change) {
    const untouched = untouchedTf(name);
    return { [untouched.stackId]: untouched.config };
  }
  const { Testing, buildTfExample } = tfEngine();
  const { stack, network } = buildTfExample(name, Testing.app());
  change(stack, network);
  return { [stack.node.id]: JSON.parse(Testing.synth(stack)) };
}

// Each engine loaded when first used: a test file of one engine does not load the other (test/support/lazy-engines-transform.js),
// and a file that finds every output in the shared folder synthesizes nothing.
/* eslint-disable @typescript-eslint/no-require-imports */
function cdkEngine() {
  return {
    App: (require('aws-cdk-lib') as typeof import('aws-cdk-lib')).App,
    buildCdkExample: (require('../../examples/cdk/_app') as typeof import('../../examples/cdk/_app')).buildCdkExample,
  };
}

function tfEngine() {
  return {
    Testing: (require('cdktf') as typeof import('cdktf')).Testing,
    buildTfExample: (require('../../examples/tf/_app') as typeof import('../../examples/tf/_app')).buildTfExample,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** An example's blueprint, validated as the example's network validates it (its `blueprint`). */
export function exampleBlueprint(name: string): Blueprint {
  return Blueprint.validate(BLUEPRINTS[name] ?? SUPPLEMENTARY_BLUEPRINTS[name]);
}
