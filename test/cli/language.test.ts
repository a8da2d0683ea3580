/**
 * `--language ja` on the CLI (issue 15): the findings of check and explain in Japanese with the guideline's terms, the
 * JSON keeping its English fields beside the Japanese ones, SARIF and JUnit still what their consumers read, and the
 * English output what it was without the flag.
 */
import * as fs from 'fs';
import * as path from 'path';
import { addMyNumberNat, cli, copyCdkOut, parseJunit, sarifErrors, synthExample, tempDir } from './support';
import { notJapanese } from '../support/japanese';

const STACK = 'SampleCity-alpha';
let work: string;
let compliant: string;
let mutated: string;

beforeAll(() => {
  work = tempDir('language');
  compliant = synthExample('alpha', path.join(work, 'alpha.out'));
  mutated = copyCdkOut(compliant, path.join(work, 'mutated.out'));
  addMyNumberNat(mutated, STACK);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('text: the refusal in Japanese, with the rule term マイナンバー利用事務系 → インターネット and the fix', async () => {
  const r = await cli('check', mutated, '--model', 'α', '--language', 'ja');
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`${STACK}（${mutated}、αモデル）: 拒否: 合成を止める指摘`);
  const line = r.stdout.split('\n').find((l) => l.includes(' MN-1 '))!;
  expect(line).toMatch(/^ {2}エラー: \[.+\] MN-1 重大（マイナンバー利用事務系 → インターネット）: /);
  expect(line).toContain('対処: ');
  expect(line).toContain('インターネットゲートウェイ MutIgw がマイナンバー利用事務系の VPC にアタッチされている');
  // Every finding line's own words (before the path) are Japanese.
  for (const l of r.stdout.split('\n').filter((x) => /^ {2}(エラー|警告|情報): /.test(x))) {
    const [message, rest] = l.replace(/^.*?）: /, '').split(/。経路: |。対処: /);
    expect({ l, problem: notJapanese(message) }).toEqual({ l, problem: undefined });
    expect(rest).toBeDefined();
  }
  expect(r.stdout).toMatch(/スタックを検査: 合成を止める指摘 \d+ 件。終了コード 1。/);
});

test('without the flag the output is the English one, and --language en is the same', async () => {
  const plain = await cli('check', mutated, '--model', 'α');
  const en = await cli('check', mutated, '--model', 'α', '--language', 'en');
  expect(en).toEqual(plain);
  expect(plain.stdout).toContain('MN-1 critical (マイナンバー利用事務系 → インターネット): internet-gateway MutIgw is attached to the My Number VPC.');
  expect(plain.stdout).not.toMatch(/対処|拒否/);
});

test('json keeps the English fields and adds ja; the English JSON has no ja', async () => {
  const [ja] = JSON.parse((await cli('check', mutated, '--model', 'α', '--language', 'ja', '--format', 'json')).stdout);
  const [en] = JSON.parse((await cli('check', mutated, '--model', 'α', '--format', 'json')).stdout);
  const mn1 = ja.violations.find((f: any) => f.ruleId === 'MN-1');
  const mn1En = en.violations.find((f: any) => f.ruleId === 'MN-1');
  expect(mn1.message).toBe(mn1En.message);
  expect(mn1.fix).toBe(mn1En.fix);
  expect(notJapanese(mn1.ja.message)).toBeUndefined();
  expect(notJapanese(mn1.ja.fix)).toBeUndefined();
  expect(ja.language).toBe('ja');
  expect(en.language).toBeUndefined();
  expect(en.violations.every((f: any) => f.ja === undefined)).toBe(true);
});

test('SARIF (still valid) and JUnit carry the Japanese message', async () => {
  const sarif = JSON.parse((await cli('check', mutated, '--model', 'α', '--language', 'ja', '--format', 'sarif')).stdout);
  expect(sarifErrors(sarif)).toEqual([]);
  const result = sarif.runs[0].results.find((x: any) => x.ruleId === 'MN-1');
  expect(result.message.text).toMatch(/^インターネットゲートウェイ MutIgw がマイナンバー利用事務系の VPC にアタッチされている。対処: ゲートウェイ/);
  const junit = parseJunit((await cli('check', mutated, '--model', 'α', '--language', 'ja', '--format', 'junit')).stdout);
  expect(JSON.stringify(junit)).toContain('MN-1 重大（マイナンバー利用事務系 → インターネット）');
});

test('markdown has Japanese headers and findings', async () => {
  const md = (await cli('check', mutated, '--model', 'α', '--language', 'ja', '--format', 'markdown')).stdout;
  expect(md).toContain('| スタック | ルール | 重大度 | 場所 | 指摘 | 対処 |');
  expect(md).toMatch(/\| MN-1 \| 重大 \|/);
});

test('explain --language ja: the finding and the frame in Japanese', async () => {
  const r = await cli('explain', 'MN-1', mutated, '--model', 'α', '--language', 'ja');
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/MN-1 の指摘 \d+ 件/);
  expect(r.stdout).toContain('MN-1 重大（マイナンバー利用事務系 → インターネット）');
  expect(r.stdout).toMatch(/最小の遮断|経路についての指摘ではない/);
});

test('an unknown language is a bad flag (2)', async () => {
  const r = await cli('check', mutated, '--model', 'α', '--language', 'fr');
  expect(r.code).toBe(2);
});
