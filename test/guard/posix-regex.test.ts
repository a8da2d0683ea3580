/**
 * Squid's regex ACLs as glibc reads them (regcomp with REG_EXTENDED | REG_NOSUB [| REG_ICASE], regexec unanchored),
 * translated to JavaScript only where the two agree. The truth is computed by glibc's own regex engine, never by a
 * JavaScript or Python one: GNU grep -E (gnulib's regex, the same ERE syntax) for single-line subjects, and, where a C
 * compiler is present, regcomp/regexec themselves, as Squid calls them.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { posixMatches, posixToJs } from '../../src/guard/posix-regex';

const SUBJECTS = [
  'login.microsoftonline.com', 'loginXmicrosoftonline.com', 'evil.login.microsoftonline.com', 'login.microsoftonline.com.evil',
  'contoso.sharepoint.com', 'sharepoint.com', 'xsharepointxcom', 'microsoft.com', 'www.microsoft.com', 'microsoftXcom',
  'www.example.com', 'example.com', 'a.b.example.com', 'notexample.com', '.example.com',
  'attachment; filename=x', 'inline', 'ATTACHMENT', 'Attachment', '  attachment', 'attach;', 'attachment;',
  'x.d', 'xxd', 'x\\d', '5', '55', '0f', 'G', '', ' ', 'x\tx',
  'a', 'aa', 'aaa', 'aaaa', 'A', 'AA', 'b', 'B', 'c', 'ab', 'ac', 'bc', 'abc', 'abcd', 'abbc', 'xabcx', 'aab', 'abab',
  ']', ']a', 'a]', 'a}', '}', '\\', 'a\\', '-', '_', '.', '(a)', '[a]', 'a{2}', '*', '+', '?', '|', '^', '$', '/', '{', '@', '`', '~', 'Z', 'z',
];

/** Patterns the function accepts, each compared with grep -E on every subject, case-sensitive and -i. */
const PATTERNS = [
  // The brief's cases.
  '^login\\.microsoftonline\\.com$', '\\.sharepoint\\.com$', '^(attachment|inline)', '[[:space:]]*attachment', 'a{2,3}', '[]a]',
  '[a\\]', '^[^.]+\\.example\\.com$', '(a|b)+c', 'a.c',
  // Usual ACL idioms.
  '(^|\\.)example\\.com$', '^(.*\\.)?microsoft\\.com$', '\\.microsoft\\.com$', 'login\\.microsoftonline\\.com', '^attachment',
  '^(attachment|inline);', 'filename=', 'attach(ment)?;', 'c(om|n)$', '^[a-z0-9.-]+$', '^[0-9]+$', '^$',
  // Brackets: ']' and '-' placement, a backslash, classes.
  '[^]a]', '[]-]', '[a-]', '[-a]', '[^-]', '[--]', '[.]', '[a.]', '[\\.]', '[\\]]', '[[]', '[a[b]', '[^^]', '[a^]', '[^a-z]', '[b-y]',
  '[A-Z]', '[0-9]', '[^.]+', '[[:alpha:]]+', '[[:digit:]]{2}', '[[:alnum:]_]+', '[[:upper:]]', '[[:lower:]]', '[^[:upper:]]',
  '[^[:lower:]]', '[[:xdigit:]]{2}', '[[:punct:]]', '[^[:punct:]]', '[[:space:]]', '[[:blank:]]', '[[:print:]]', '[[:graph:]]',
  '[[:cntrl:]]', '[[:alpha:][:digit:]]', '[x[:digit:]-]', '[[:alpha:]-]',
  // Escaped punctuation is literal; ']' and '}' are literal bare.
  'x\\.d', 'x.d', '\\(a\\)', '\\[a\\]', 'a\\{2\\}', '\\*', '\\+', '\\?', '\\|', '\\^', '\\$', '\\\\', '\\/', '\\-', 'a]', 'a}', ']a',
  // Repetition and alternation.
  'a{0}b', 'a{2,}', 'a{1,1}b', 'a{0,1}c', '(ab){2}', 'ab?c', 'a+', 'a*b', 'b*', '^a*$', '^5$', 'a|b|c', '((a))', '^(a|ab)(c|bcd)(d*)$',
  '(a*)*b', '(a|aa)+$', '^(ab|a)(bc|c)$', '(a$|b)', '(^a|c)', 'x|^a', 'a$|^b',
];

/** Accepted only case-insensitively compared (the same patterns are also compared case-sensitively above or below). */
const CASE_PATTERNS = ['^attachment', 'ATTACHMENT', '[A-Z]+$', '[^a-z]', 'login\\.MICROSOFTONLINE\\.com', '[[:upper:]]+$', '[^[:lower:]]'];

/** What GNU grep -E (-i) says of each subject, one subject a line, in the C locale. */
function grepVerdicts(pattern: string, ignoreCase: boolean, subjects: readonly string[]): boolean[] {
  const args = ['-n', '-E', ...(ignoreCase ? ['-i'] : []), '-e', pattern];
  const run = spawnSync('grep', args, { input: subjects.map((s) => `${s}\n`).join(''), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (run.status !== 0 && run.status !== 1) throw new Error(`grep ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const lines = new Set(run.stdout.split('\n').filter((l) => l !== '').map((l) => Number(l.slice(0, l.indexOf(':')))));
  return subjects.map((_, k) => lines.has(k + 1));
}

const table = (subjects: readonly string[], verdicts: readonly boolean[]): Record<string, boolean> =>
  Object.fromEntries(subjects.map((s, k) => [JSON.stringify(s), verdicts[k]]));

function jsVerdicts(pattern: string, ignoreCase: boolean, subjects: readonly string[]): boolean[] {
  const re = posixToJs(pattern, ignoreCase);
  if (re === undefined) throw new Error(`posixToJs refused ${pattern}`);
  return subjects.map((s) => re.test(s));
}

describe('agreement with GNU grep -E (glibc/gnulib regex)', () => {
  const cases: Array<[string, boolean]> = [
    ...PATTERNS.flatMap((p): Array<[string, boolean]> => [[p, false], [p, true]]),
    ...CASE_PATTERNS.flatMap((p): Array<[string, boolean]> => [[p, false], [p, true]]),
  ];

  test.each(cases)('%j, ignoreCase %s', (pattern, ignoreCase) => {
    expect(table(SUBJECTS, jsVerdicts(pattern, ignoreCase, SUBJECTS))).toEqual(table(SUBJECTS, grepVerdicts(pattern, ignoreCase, SUBJECTS)));
  });

  test('the oracle is not vacuous: it says both yes and no, often', () => {
    const verdicts = cases.flatMap(([p, i]) => grepVerdicts(p, i, SUBJECTS));
    expect(verdicts.filter((v) => v).length).toBeGreaterThan(500);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(5_000);
    expect(grepVerdicts('^login\\.microsoftonline\\.com$', false, ['login.microsoftonline.com', 'loginXmicrosoftonline.com'])).toEqual([true, false]);
  });
});

describe('the bypass: JavaScript escapes that glibc reads as plain letters', () => {
  const source = '^login\\x2emicrosoftonline\\x2ecom$';

  test('the guard\'s old reading matched the real host name, glibc does not, and the function refuses the expression', () => {
    // The old reading: the source handed to new RegExp as it stands.
    expect(new RegExp(source).test('login.microsoftonline.com')).toBe(true);
    // glibc: '\x' is 'x', so the expression wants the letters "x2e", and Squid never matches the host (it splices).
    expect(grepVerdicts(source, false, ['login.microsoftonline.com', 'loginx2emicrosoftonlinex2ecom'])).toEqual([false, true]);
    expect(posixToJs(source, false)).toBeUndefined();
    expect(posixToJs(source, true)).toBeUndefined();
    expect(posixMatches(source, false, 'login.microsoftonline.com')).toBeUndefined();
  });

  test.each(['\\d', '\\x41', '\\u0041'])('%j means something else to glibc than to JavaScript, and is refused', (esc) => {
    // glibc: '\d' is the letter d, '\x' the letter x, '\u' the letter u.
    const js = new RegExp(esc);
    const subjects = ['d', '5', 'x41', 'A', 'u0041'];
    const glibc = grepVerdicts(esc, false, subjects);
    expect(subjects.map((s) => js.test(s))).not.toEqual(glibc);
    expect(posixToJs(esc, false)).toBeUndefined();
  });
});

describe('refusals: outside the subset the guard can be sure of', () => {
  test.each([
    // Escapes other than of punctuation.
    '\\x2e', '\\d', '\\w', '\\W', '\\s', '\\S', '\\b', '\\B', '\\<', '\\>', '\\`', "\\'", '\\1', '(a)\\1', '\\u0041', '\\cA', '\\0', '\\n', '\\t',
    'a\\', '\\a',
    // JavaScript group syntax, which glibc rejects ('?' with nothing to repeat).
    '(?:a)', '(?=a)', '(?!a)', '(?<=a)b', '(?<n>a)',
    // Repetition with nothing to repeat, stacked, or of an anchor; invalid or too large intervals.
    'a**', 'a+?', 'a*+', 'a{2}*', 'a?{2}', '*a', '+a', '?a', '{1}a', 'a|*b', '(*a)', '^*', '$+', '(^a)*', 'a{1', 'a{', 'a{x}', 'a{,2}', 'a{2,1}',
    'a{300}', 'a{1,256}', 'a{01}', 'a{ 1}', '(((a{255}){255}){255})',
    // Brackets: collating elements, equivalence classes, unknown classes, unterminated, reversed or mixed ranges.
    '[[.a.]]', '[[=a=]]', '[[:foo:]]', '[[:alpha:]', '[a', '[]', '[^]', '[z-a]', '[a-Z]', '[A-z]', '[0-z]', '[!-/]', '[a-c-e]', '[[:digit:]-z]',
    '[:alpha:]', '[a-[]',
    // Groups and alternatives: unbalanced, empty.
    '(a', 'a)', ')', '()', '(|a)', 'a|', '|a', 'a||b', '',
    // Anchors where glibc, without REG_NEWLINE, still honours a newline the match consumes.
    '.^a', 'a^', 'a$.', 'a$b', '$a', 'a(^b)', '(a$)b', '[[:space:]]^a', '(^a|b)+',
    // Non-ASCII and control characters.
    'ａ', 'é', 'caf\u00e9', 'a\tb', 'a\nb', '\u0000',
  ])('%j', (source) => {
    expect(posixToJs(source, false)).toBeUndefined();
    expect(posixToJs(source, true)).toBeUndefined();
  });

  test('sources longer than 4096 characters are refused', () => {
    expect(posixToJs('a'.repeat(4096), false)).toBeDefined();
    expect(posixToJs('a'.repeat(4097), false)).toBeUndefined();
  });

  test('a long source compiles in linear time', () => {
    const started = Date.now();
    for (let k = 0; k < 20; k++) expect(posixToJs(`${'(a|'.repeat(1000)}b${')'.repeat(1000)}`, false)).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('newlines and non-ASCII subjects', () => {
  // Verified with glibc 2.36's regcomp/regexec (REG_EXTENDED | REG_NOSUB): without REG_NEWLINE, '.' and '[^…]' match a
  // newline, and '^' / '$' at the edges of the expression hold only at the ends of the subject.
  test.each<[string, string, boolean]>([
    ['a.b', 'a\nb', true],
    ['a[^x]b', 'a\nb', true],
    ['a[[:space:]]b', 'a\nb', true],
    ['^a', 'x\na', false],
    ['a$', 'a\nx', false],
    ['a$', 'a\n', false],
    ['^$', '\n', false],
    ['(^|\\.)example\\.com$', 'x\nexample.com', false],
    ['(^|\\.)example\\.com$', 'x.example.com\n', false],
    ['^(.*\\.)?example\\.com$', 'x\n.example.com', true],
  ])('%j on %j: %s', (source, subject, expected) => {
    expect(posixToJs(source, false)!.test(subject)).toBe(expected);
    expect(posixMatches(source, false, subject)).toBe(expected);
  });

  test('a subject that is not ASCII, or holds a NUL, is not judged', () => {
    expect(posixMatches('^.$', false, 'é')).toBeUndefined();
    expect(posixMatches('k', true, '\u212a')).toBeUndefined();
    expect(posixMatches('^a$', false, 'a\u0000b')).toBeUndefined();
    expect(posixMatches('^a.b$', false, 'a\u007fb')).toBe(true);
  });
});

/** regcomp/regexec exactly as Squid calls them; one line a case in, "E" (regcomp failed), "1" or "0" out. */
const REGEXEC_HARNESS = `
#include <regex.h>
#include <stdio.h>
#include <string.h>
static void unhex(const char *h, char *out) {
  unsigned v; int n = 0;
  while (h[0] && h[1] && h[0] != '\\t' && h[0] != '\\n' && sscanf(h, "%2x", &v) == 1) { out[n++] = (char)v; h += 2; }
  out[n] = 0;
}
int main(void) {
  static char line[1 << 16], pat[1 << 15], sub[1 << 15];
  while (fgets(line, sizeof line, stdin)) {
    char *tab = strchr(line + 2, '\\t');
    if (!tab) continue;
    *tab = 0; unhex(line + 2, pat); unhex(tab + 1, sub);
    regex_t re;
    if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB | (line[0] == '1' ? REG_ICASE : 0))) { puts("E"); continue; }
    puts(regexec(&re, sub, 0, NULL, 0) == 0 ? "1" : "0");
    regfree(&re);
  }
  return 0;
}
`;

const hasCompiler = spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;

(hasCompiler ? describe : describe.skip)('agreement with glibc regcomp/regexec themselves (where a C compiler is present)', () => {
  let dir: string;
  let harness: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'posix-regex-'));
    writeFileSync(path.join(dir, 'rx.c'), REGEXEC_HARNESS);
    harness = path.join(dir, 'rx');
    const built = spawnSync('cc', ['-o', harness, path.join(dir, 'rx.c')], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`cc failed: ${built.stderr}`);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function regexec(cases: ReadonlyArray<readonly [string, boolean, string]>): string[] {
    const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
    const input = cases.map(([p, i, s]) => `${i ? 1 : 0}\t${hex(p)}\t${hex(s)}\n`).join('');
    const run = spawnSync(harness, [], { input, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 64 * 1024 * 1024 });
    return run.stdout.split('\n').slice(0, cases.length);
  }

  test('every accepted pattern compiles, and matches the same subjects, newlines included', () => {
    const subjects = [...SUBJECTS, 'a\nb', 'x\na', 'a\nx', 'a\n', '\n', 'x\nexample.com', 'x.example.com\n', 'login.microsoftonline.com\n',
      '\nattachment', 'a\na', 'x\n.example.com'];
    const cases = [...PATTERNS, ...CASE_PATTERNS, 'a.b', 'a[^x]b', 'a[[:space:]]b', '^a', 'a$', 'a.*a']
      .flatMap((p) => [false, true].flatMap((i) => subjects.map((s) => [p, i, s] as const)));
    const glibc = regexec(cases);
    const differences = cases
      .map(([p, i, s], k) => ({ pattern: p, ignoreCase: i, subject: s, glibc: glibc[k], js: posixToJs(p, i)!.test(s) ? '1' : '0' }))
      .filter((d) => d.glibc !== d.js);
    expect(differences).toEqual([]);
  });

  test('the refused anchors: glibc honours a newline the match consumes, JavaScript never', () => {
    expect(regexec([['.^a', false, '\na'], ['a$.', false, 'a\n'], ['[[:space:]]^a', false, '\na'], ['(^a|[[:space:]])+$', false, 'x\na']]))
      .toEqual(['1', '1', '1', '1']);
    expect(['.^a', 'a$.', '[[:space:]]^a', '(^a|[[:space:]])+$'].map((p) => posixToJs(p, false))).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('the refused escapes: glibc reads \\x as x and \\d as d', () => {
    expect(regexec([['a\\x2eb', false, 'a.b'], ['a\\x2eb', false, 'ax2eb'], ['\\d', false, '5'], ['\\d', false, 'd']])).toEqual(['0', '1', '0', '1']);
  });
});
