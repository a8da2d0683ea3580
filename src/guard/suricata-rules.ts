import { memoizeBounded } from './memo';
import { bi, Bilingual } from './rule';

/**
 * A Network Firewall rules string (`RulesString` / `rules_string`) read the way Suricata's rule-file loader reads a
 * rules file (DetectLoadSigFile, src/detect-engine-loader.c), so that the guard judges the rules the engine runs and not
 * the lines as they look:
 * - a line that starts with `#`, a space, a tab or a carriage return is skipped whole, so an indented rule never runs;
 * - a line whose last character before trailing whitespace is a backslash goes on with the next line, which is joined
 *   to it in place of the backslash (`pa\` + `ss tcp any any -> any any (…)` is one `pass` rule);
 * - the loader reads into a buffer of 8,192 bytes (DETECT_MAX_RULE_SIZE): a longer line is read in pieces, each taken
 *   as a line of its own, so text beyond the first 8,191 bytes may be a rule the line hides.
 * Where AWS may hand the string to the engine otherwise than a file would (an indented rule runs if the service trims
 * lines, and does not if it does not), or where the C loader and the guard's reading could part (a NUL ends a C string,
 * a carriage return stays in the rule, a rule header in characters other than ASCII), the rules cannot be read: every
 * rule that must count for a verdict (a pass that defeats a default drop, a drop signature that makes an IPS) is then
 * taken the way that fails closed.
 */
export type LoadedRules = { readonly rules: readonly string[] } | { readonly problem: Bilingual };

/** Suricata's rule buffer (DETECT_MAX_RULE_SIZE, src/detect.h) less fgets' terminating NUL: the most one read holds. */
const MAX_RULE_BYTES = 8191;

/**
 * The rules Suricata loads from a rules string, one per entry, or why the guard cannot tell which (see `LoadedRules`);
 * kept per string, as several rules ask about the same group.
 */
export const loadedRules: (rulesString: string) => LoadedRules = memoizeBounded(256, load);

function load(rulesString: string): LoadedRules {
  const lines = rulesString.split('\n');
  const rules: string[] = [];
  // The start of a rule continued with a backslash, and its line number.
  let pending: { text: string; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    const last = i === lines.length - 1;
    // fgets returns nothing at the end of the string: an empty last piece is no line.
    if (last && line === '') break;
    if (/[\0\r]/.test(line)) {
      return problem(`line ${n} holds a ${line.includes('\0') ? 'NUL' : 'carriage return'} character (give the rules with LF line ends only)`,
        `${n} 行目に ${line.includes('\0') ? 'NUL' : 'キャリッジリターン'} 文字がある（改行は LF のみにする）`);
    }
    const text = pending ? pending.text + line : line;
    if (byteLength(text) + (last ? 0 : 1) > MAX_RULE_BYTES) {
      return problem(`line ${pending?.line ?? n} is longer than Suricata's rule buffer (${MAX_RULE_BYTES} bytes), which reads it in pieces`,
        `${pending?.line ?? n} 行目が Suricata のルールバッファ（${MAX_RULE_BYTES} バイト）より長く、分割して読まれる`);
    }
    if (!pending) {
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith(' ') || line.startsWith('\t')) {
        if (line.trim() === '') continue;
        return problem(`line ${n} starts with a space or tab, and Suricata's rule loader skips such a line, so the rule on it does not run `
          + '(remove the indentation)', `${n} 行目が空白かタブで始まっている。Suricata のルール読み込みはそのような行を読み飛ばすため、その行のルールは動作しない（字下げを削除する）`);
      }
    }
    const end = text.replace(/[ \t\v\f]+$/, '');
    if (end.endsWith('\\')) {
      pending = { text: end.slice(0, -1), line: pending?.line ?? n };
      continue;
    }
    const ruleLine = pending?.line ?? n;
    pending = undefined;
    const open = text.indexOf('(');
    if (/[^\x20-\x7e\t]/.test(open < 0 ? text : text.slice(0, open))) {
      return problem(`the rule on line ${ruleLine} holds a character other than printable ASCII before its options`,
        `${ruleLine} 行目のルールのオプションより前に、印字可能な ASCII 以外の文字がある`);
    }
    rules.push(text);
  }
  if (pending) {
    return problem(`line ${pending.line} goes on with a backslash, and no line follows it`, `${pending.line} 行目がバックスラッシュで次の行に続いているが、次の行がない`);
  }
  return { rules };
}

function problem(en: string, ja: string): LoadedRules {
  return { problem: bi(en, ja) };
}

/** UTF-8 length, as the C loader counts. */
function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
