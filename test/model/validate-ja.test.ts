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

/** The `p.add(path, what, …)` calls of a validation file that do not word their problem in both languages. */
function englishOnly(file: string): string[] {
  const source = fs.readFileSync(path.join(__dirname, '../../src/model', file), 'utf8');
  const calls = source.split('p.add(').slice(1).map((c) => c.slice(0, 400));
  expect(calls.length).toBeGreaterThan(3);
  return calls.filter((c) => !/^[^,]+,\s*bi\(/.test(c)).map((c) => c.split(',').slice(0, 2).join(',').trim());
}

// Each `p.add(path, what, fix)` gives `bi(english, japanese)` for both, except where the text comes from another module
// (address and CIDR parsing, domain, name, URL and Suricata problems, the proxy planner, a catalogue's descriptions):
// those lines stay English whole. These lists say exactly which; a new check must be worded in both or be added here.
test('which checks of validate.ts are worded in Japanese: all but those that pass on a text worded elsewhere', () => {
  expect(englishOnly('validate.ts')).toEqual([
    '`${path}.customerGatewayIp`, problem',
    '`${key}.${list}[${i}]`, `${show(d)} ${pr}`',
    // Worded in both languages where it is made (src/model/design-documents.ts; test/docs/synth.test.ts reads the Japanese).
    'problem.prop, problem.what',
    'path, problem',
    "one[1] === 'breakout' ? 'breakout.services' : one[1], one[2]",
    '`${path}[${i}]`, problem',
  ]);
});

test('which checks of validate-breakout.ts and validate-common.ts are worded in Japanese', () => {
  expect(englishOnly('validate-breakout.ts')).toEqual([
    '`${sp}.name`, nameProblem',
    '`${sp}.documentationUrl`, urlIssue',
    '`${sp}.domains[${j}]`, `${show(d)} ${pr}`',
    '`${sp}.portsReason`, `${pr} (AP-5)`',
    '`${sp}.media.reason`, `${reason} (AP-5)`',
    '`${sp}.media.documentationUrl`, mediaUrl',
    '`${tp}.scheme`, scheme',
    '`${tp}.tenantIdDescription`, description',
    '`${tp}.documentationUrl`, url',
    '`${tp}.hosts[${j}]`, `${show(h)} ${pr}`',
    '`${hp}.name`, nameIssue',
    '`${hp}.valueTemplate`, templateIssue',
    // The fix quotes the catalogue's English description of the tenant IDs.
    '`${base}.tenantIds`, `must be a list of at most ${MAX_TENANT_IDS} identifiers`',
    '`${base}.tenantIds[${j}]`, `${show(t)} is not an identifier`',
    "`${base}.tenantIds`, `is missing: ${typeof s.name === 'string' && !nameIsBad(s.name) ? s.name : show(s.id)} supports tenant restriction (${show(tr.scheme)})",
    '`${show(value)} is not ${f.what} (${header} header'.replace(/^/, 'path, '),
    '`breakout.ipsRules[${i}]`, `${pr} (AP-4',
  ]);
  expect(englishOnly('validate-common.ts')).toEqual([
    'path, `has ${list.length} entries; at most ${max} are accepted (${why})`',
    '`${path}[${i}]`, problem',
    'path, pr',
  ]);
});

test('the α′ breakout checks in Japanese too', () => {
  const ap = BLUEPRINTS['alpha-prime'];
  const errors = validateBlueprint({
    ...ap,
    language: GuardLanguage.JAPANESE,
    breakout: { ...ap.breakout!, tenantProxy: { ...ap.breakout!.tenantProxy!, minInstances: 1 }, ipsRules: [] },
  });
  expect(errors).toContainEqual(expect.stringMatching(/^\[breakout\.tenantProxy\.minInstances\] 1 が 2 未満: .+。対処: 2 以上を指定する$/));
  expect(errors).toContainEqual(expect.stringMatching(/^\[breakout\.ipsRules\] は Suricata のルール 1 個から \d+ 個のリストでなければならない（AP-4）。対処: /));
  for (const e of errors) expect({ e, problem: notJapanese(e) }).toEqual({ e, problem: undefined });
});
