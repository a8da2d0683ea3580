/**
 * The mutation-suite tally the ガイドライン対応表 prints (MUTATION_SUITE in src/docs/evidence.ts) against the suites
 * themselves: their case tables are counted in the test files' syntax trees (importing a test file would run its tests),
 * and each change's models are read to count the (example, change) pairs runMutationSuite runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { NetworkModel } from '../../src';
import { MUTATION_SUITE } from '../../src/docs/evidence';

/** The model lists the suites name, as mutation-suite.ts and the suites define them. */
const LISTS: Record<string, readonly NetworkModel[]> = {
  ALL: [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA, NetworkModel.BETA_PRIME],
  NOT_ALPHA_PRIME: [NetworkModel.ALPHA, NetworkModel.BETA, NetworkModel.BETA_PRIME],
  NOT_STAND_IN: [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA],
};

function modelsOf(e: ts.Expression, file: string): readonly NetworkModel[] {
  if (ts.isIdentifier(e) && LISTS[e.text]) return LISTS[e.text];
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.map((x) => {
      if (ts.isPropertyAccessExpression(x) && x.expression.getText() === 'NetworkModel') return (NetworkModel as Record<string, NetworkModel>)[x.name.text];
      throw new Error(`${file}: cannot read the model ${x.getText()}`);
    });
  }
  throw new Error(`${file}: cannot read the models ${e.getText()}; teach test/docs/evidence.test.ts the list`);
}

/** The `models` of each element of the array `const <name>: Mutation[] = [...]`. */
function table(source: ts.SourceFile, name: string): (readonly NetworkModel[])[] {
  let found: ts.ArrayLiteralExpression | undefined;
  const visit = (n: ts.Node) => {
    const named = ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name;
    if (named && n.initializer && ts.isArrayLiteralExpression(n.initializer)) {
      found = n.initializer;
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  if (!found) throw new Error(`${source.fileName}: no array ${name}`);
  return found.elements.map((e) => {
    if (!ts.isObjectLiteralExpression(e)) throw new Error(`${source.fileName}: an element of ${name} is not an object literal: ${e.getText().slice(0, 80)}`);
    const models = e.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'models');
    if (!models) throw new Error(`${source.fileName}: a mutation without models`);
    return modelsOf(models.initializer, source.fileName);
  });
}

function tally(file: string): { mutations: number; cases: number } {
  const text = fs.readFileSync(path.join(__dirname, '..', 'guard', file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const main = table(source, 'MUTATIONS');
  const sanitization = table(source, 'SANITIZATION_MUTATIONS');
  // runMutationSuite: every example of BLUEPRINTS takes the changes of its model; the supplementary α′ case ウ example its own.
  expect(text).toMatch(/runMutationSuite\('[^']+', MUTATIONS, example, [^\n]*\{ 'alpha-prime-sanitization': SANITIZATION_MUTATIONS \}\)/);
  const cases = Object.values(BLUEPRINTS).reduce((n, b) => n + main.filter((m) => m.includes(b.model)).length, 0)
    + sanitization.filter((m) => m.includes(SUPPLEMENTARY_BLUEPRINTS['alpha-prime-sanitization'].model)).length;
  // runPrefectureMutations: the reference prefecture (one app of a hub and its members) takes each of its changes once.
  expect(text).toMatch(/runPrefectureMutations\('[^']+', PREFECTURE_MUTATIONS, /);
  const prefecture = elements(source, 'PREFECTURE_MUTATIONS');
  return { mutations: main.length + sanitization.length + prefecture, cases: cases + prefecture };
}

/** How many elements the array `const <name> = [...]` has. */
function elements(source: ts.SourceFile, name: string): number {
  let found: ts.ArrayLiteralExpression | undefined;
  const visit = (n: ts.Node) => {
    const named = ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name;
    if (named && n.initializer && ts.isArrayLiteralExpression(n.initializer)) found = n.initializer;
    ts.forEachChild(n, visit);
  };
  visit(source);
  if (!found) throw new Error(`${source.fileName}: no array ${name}`);
  return found.elements.length;
}

test('MUTATION_SUITE is the size of the mutation suites (update src/docs/evidence.ts when a mutation is added)', () => {
  expect({ cdk: tally('mutations-cdk.test.ts'), cdktf: tally('mutations-tf.test.ts') }).toEqual(MUTATION_SUITE);
});
