/**
 * The Japanese of the texts the extractors, the graph builder and the reachability engine word (src/guard/ja-engine.ts).
 * Those files keep their English; this test reads their source with the TypeScript parser, enumerates every text they
 * can give as a reason, an expression or a fix (each branch of a conditional; an interpolated value as a placeholder)
 * and asks ja-engine for its Japanese: a phrase added or reworded there without a Japanese pattern fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { jaDestinations, jaEngine, jaOrEn } from '../../src/guard/ja-engine';
import { englishRun, notJapanese } from '../support/japanese';

const ROOT = path.join(__dirname, '../..');
const PLACEHOLDER = 'X1';

/** Every string an expression may evaluate to, interpolations and unknown values as a placeholder. */
function values(node: ts.Node, file: ts.SourceFile, depth = 0): string[] {
  if (depth > 8) return [PLACEHOLDER];
  const v = (n: ts.Node) => values(n, file, depth + 1);
  const product = (parts: string[][]) => parts.reduce((acc, p) => acc.flatMap((a) => p.map((b) => a + b)).slice(0, 200), ['']);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) {
    return product([[node.head.text], ...node.templateSpans.flatMap((s) => [inner(s.expression, file, depth), [s.literal.text]])]);
  }
  if (ts.isParenthesizedExpression(node)) return v(node.expression);
  if (ts.isConditionalExpression(node)) return [...v(node.whenTrue), ...v(node.whenFalse)];
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return v(node.body);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return product([v(node.left), v(node.right)]);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return [...v(node.left), ...v(node.right)];
  if (ts.isIdentifier(node)) {
    // A local text (`why`, `reason`): what its declaration in the same function says.
    let found: ts.Expression | undefined;
    const visit = (n: ts.Node) => {
      const declares = ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === node.text;
      if (!found && declares && n.initializer && n.getStart(file) < node.getStart(file)) {
        found = n.initializer;
      }
      ts.forEachChild(n, visit);
    };
    let scope: ts.Node | undefined = node.parent;
    while (scope && !ts.isFunctionLike(scope)) scope = scope.parent;
    if (scope) visit(scope);
    return found && isTextual(found) ? v(found) : [PLACEHOLDER];
  }
  return [PLACEHOLDER];
}

/** An interpolation: a conditional of texts is enumerated, anything else is a placeholder. */
function inner(node: ts.Expression, file: ts.SourceFile, depth: number): string[] {
  return isTextual(node) || ts.isIdentifier(node) ? values(node, file, depth + 1) : [PLACEHOLDER];
}

function isTextual(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isTextual(node.expression);
  if (ts.isConditionalExpression(node)) return isTextual(node.whenTrue) || isTextual(node.whenFalse);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isTextual(node.left) || isTextual(node.right);
  return false;
}

/** The texts a source file gives as reasons, expressions and fixes of unresolved values, unknown ends and drops. */
function phrasesOf(relative: string): { text: string; line: number }[] {
  const text = fs.readFileSync(path.join(ROOT, relative), 'utf8');
  const file = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const add = (n: ts.Node | undefined) => {
    if (!n) return;
    const line = file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
    for (const t of values(n, file)) if (t !== PLACEHOLDER && t.trim() !== '') out.push({ text: t, line });
  };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression.getText(file);
      const args = n.arguments ?? ts.factory.createNodeArray();
      if (/(^|\.)unresolvedValue$/.test(callee)) { add(args[2]); add(args[3]); }
      if (/(^|\.)unknown$/.test(callee)) { add(args[2]); add(args[3]); }
      if (/(^|\.)lost$/.test(callee)) add(args[1]);
      if (callee === 'PlanUnknown') add(args[2]);
    }
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && ['expression', 'reason'].includes(n.name.text)) add(n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken && n.left.getText(file) === 'problem') add(n.right);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return out;
}

const ENGINE_FILES = ['src/guard/extract-cloudformation.ts', 'src/guard/extract-terraform.ts', 'src/guard/extract-terraform-hub.ts', 'src/guard/extract-terraform-plan.ts', 'src/guard/builder.ts', 'src/guard/bridges.ts', 'src/guard/reachability.ts'];

describe('ja-engine', () => {
  test.each(ENGINE_FILES)('every reason, expression and fix of %s has Japanese', (file) => {
    const phrases = phrasesOf(file);
    expect(phrases.length).toBeGreaterThan(0);
    const missing = phrases.filter((p) => jaEngine(p.text) === undefined).map((p) => `${file}:${p.line}: ${p.text}`);
    expect(missing).toEqual([]);
    const wrong = phrases.map((p) => ({ p, ja: jaEngine(p.text)! })).filter(({ ja }) => notJapanese(ja.replace(/X1/g, '')) !== undefined)
      .map(({ p, ja }) => `${file}:${p.line}: ${ja}`);
    expect(wrong).toEqual([]);
  });

  test('the domain problems of the allow-list (AP-2) have Japanese', () => {
    const file = 'src/model/domains.ts';
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (n: ts.Node) => {
      // `return ['…']` in domainProblems.
      if (ts.isReturnStatement(n) && n.expression && ts.isArrayLiteralExpression(n.expression)) {
        for (const e of n.expression.elements) found.push(...values(e, source).filter((t) => t !== PLACEHOLDER));
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter((t) => jaEngine(t) === undefined)).toEqual([]);
  });

  test('a phrase without a pattern stays English, which the Japanese check finds', () => {
    const unknown = 'the gateway forwards packets somewhere nobody can see';
    expect(jaEngine(unknown)).toBeUndefined();
    expect(jaOrEn(unknown)).toBe(unknown);
    expect(notJapanese(`経路: ${jaOrEn(unknown)}`)).toMatch(/English left/);
  });

  test('a nested reason is translated inside its frame', () => {
    const ja = jaOrEn('subnet_id is known only after apply: aws_subnet.a is not a resource of the plan');
    expect(ja).toBe('subnet_id は apply 後にしか決まらない: aws_subnet.a は plan のリソースではない');
  });

  test('destinations keep their prefixes and word the rest', () => {
    expect(jaDestinations('every IPv4 internet address, 10.0.0.0/8, 2 more prefixes'))
      .toBe('インターネットの全 IPv4 アドレス, 10.0.0.0/8, ほか 2 個のプレフィックス');
    expect(jaDestinations('every IPv4 internet address outside 52.112.0.0/14 and 52.122.0.0/15, 10.0.0.0/8'))
      .toBe('52.112.0.0/14, 52.122.0.0/15 を除くインターネットの全 IPv4 アドレス, 10.0.0.0/8');
  });
});

describe('the English-run check', () => {
  test('finds four plain English words in a row, not identifiers or names', () => {
    expect(englishRun('経路 the subnet has no route table')).toBe('the subnet has no route table');
    expect(englishRun('breakout.tenantProxy と MapPublicIpOnLaunch を false にする')).toBeUndefined();
    expect(englishRun('Transit Gateway ルートテーブル tgw-rtb-1 (aws_ec2_transit_gateway_route_table.lgwan)')).toBeUndefined();
    expect(englishRun('TLS SNI / HTTP Host の許可リスト')).toBeUndefined();
    expect(englishRun('remove it, or move it')).toBe('remove it, or move it'.replace(/,/g, ''));
  });
});
