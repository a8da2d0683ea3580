/**
 * Blueprint validation errors in Japanese (`language: GuardLanguage.JAPANESE` on the blueprint): every problem at once,
 * each naming the prop and the fix, worded for municipal IT staff; English without it, as before.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BLUEPRINTS } from '../../examples/blueprints';
import { Blueprint, GuardLanguage, MunicipalNetworkBlueprintProps, validateBlueprint } from '../../src';
import { englishRun, notJapanese } from '../support/japanese';

/** The α example with several mistakes of different checks. */
function broken(language?: GuardLanguage | string): MunicipalNetworkBlueprintProps {
  const alpha = BLUEPRINTS.alpha;
  return {
    ...alpha,
    localGovernmentCode: '12345',
    internet: { ...alpha.internet, egress: 'SOMETIMES' as any },
    flows: [...(alpha.flows ?? []), { name: 'to-nowhere', kind: 'SPECIFIC_COMMUNICATION' as any, from: 'no-such-host', to: 'no-such-host-either', ports: [] }],
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1a'],
    ...(language !== undefined ? { language: language as GuardLanguage } : {}),
  };
}

test('every problem in Japanese names the prop, says what is wrong and the fix (対処)', () => {
  const errors = validateBlueprint(broken(GuardLanguage.JAPANESE));
  expect(errors.length).toBeGreaterThanOrEqual(5);
  for (const e of errors) {
    const m = /^\[([^\]]+)\] (.+)。対処: (.+)$/.exec(e);
    expect({ e, framed: !!m }).toEqual({ e, framed: true });
    expect({ e, what: notJapanese(m![2]), fix: notJapanese(m![3]) }).toEqual({ e, what: undefined, fix: undefined });
  }
  expect(errors).toContainEqual(expect.stringMatching(/^\[localGovernmentCode\] "12345" は 6 桁の全国地方公共団体コードではない。対処: /));
  expect(errors).toContainEqual(expect.stringMatching(/^\[flows\.to-nowhere\.from\] が未宣言のホスト "no-such-host" を指している。対処: hosts で宣言するか/));
  expect(errors).toContainEqual(expect.stringMatching(/^\[availabilityZones\] に同じゾーンが重複している。/));
});

test('the same problems in English without the language, at the same props', () => {
  const en = validateBlueprint(broken());
  const ja = validateBlueprint(broken(GuardLanguage.JAPANESE));
  const props = (list: string[]) => list.map((e) => /^\[([^\]]+)\]/.exec(e)![1]);
  expect(props(ja)).toEqual(props(en));
  expect(en).toContainEqual(expect.stringMatching(/^\[localGovernmentCode\] "12345" is not a six-digit local government code \(全国地方公共団体コード\)\. Fix: /));
  expect(en.every((e) => englishRun(e) !== undefined)).toBe(true);
});

test('Blueprint.validate throws them under a Japanese heading', () => {
  expect(() => Blueprint.validate(broken(GuardLanguage.JAPANESE))).toThrow(/^ブループリントに \d+ 件のエラーがある:\n\[/);
});

test('an unknown language is itself a problem naming the prop (in English: the language is not known)', () => {
  const errors = validateBlueprint({ ...BLUEPRINTS.alpha, language: 'fr' as GuardLanguage });
  expect(errors).toEqual(['[language] "fr" is not a GuardLanguage. Fix: use GuardLanguage.ENGLISH (\'en\') or GuardLanguage.JAPANESE (\'ja\')']);
});

test('which checks of validate.ts are worded in Japanese: all but those that pass on a text worded elsewhere', () => {
  // Each `p.add(path, what, fix)` of validate.ts gives `bi(english, japanese)` for both, except where the text comes
  // from another module (address and CIDR parsing, domain problems, the proxy planner): those lines stay English whole.
  const source = fs.readFileSync(path.join(__dirname, '../../src/model/validate.ts'), 'utf8');
  const calls = source.split('p.add(').slice(1).map((c) => c.slice(0, 400));
  const english = calls.filter((c) => !/^[^,]+,\s*bi\(/.test(c));
  expect(calls.length).toBeGreaterThan(100);
  expect(english.map((c) => c.split(',').slice(0, 2).join(',').trim())).toEqual([
    '`${path}.customerGatewayIp`, problem',
    '`${key}.${list}[${i}]`, `${show(d)} ${pr}`',
    'path, problem',
    "one[1] === 'breakout' ? 'breakout.services' : one[1], one[2]",
    '`${path}[${i}]`, problem',
  ]);
});
