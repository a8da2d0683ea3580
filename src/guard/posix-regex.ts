/**
 * Squid's regular-expression ACLs (`dstdom_regex`, `ssl::server_name_regex`, `url_regex`, `rep_header`, `rep_mime_type`, …)
 * are compiled by glibc's `regcomp(REG_EXTENDED | REG_NOSUB [| REG_ICASE])` and run by `regexec` as an unanchored search.
 * This module reads such an expression with the POSIX ERE grammar (XBD §9.4, with glibc's choices where POSIX leaves
 * the meaning open) and writes a JavaScript RegExp for it, but only for a small subset whose meaning is the same in both
 * engines. Everything else is refused (undefined), so the guard treats the ACL as unknown.
 *
 * Where the two engines read the same text differently (the reason the subset is small):
 * - glibc reads `\x`, `\d`, `\u`, `\0`, `\c` as plain `x`, `d`, `u`, `0`, `c`; `\w \W \s \S \b \B \< \> \` \'` are GNU
 *   word and buffer operators; `\1`…`\9` are back-references (a GNU extension to ERE). Only escapes of the punctuation below are read.
 * - In a bracket expression a backslash is a literal backslash, and a `]` first in the list is a literal `]`.
 * - `(?:`, `(?=`, `(?<` are a repetition with nothing to repeat: glibc rejects them.
 * - glibc's `.` and `[^…]` match a newline (no REG_NEWLINE), as JavaScript's do only with the `s` flag.
 * - glibc's regexec satisfies a `^` right after a newline the match has consumed, and a `$` right before one it goes on
 *   to consume, even without REG_NEWLINE ('.^a' finds "\na"); so the anchors are accepted only at the edges.
 * - `[[:space:]]` is the C locale's six spaces, not JavaScript's `\s`, which has Unicode spaces too.
 * - Non-ASCII: Squid sees bytes (or the locale's multibyte characters), JavaScript UTF-16 units, and case folding
 *   differs; so non-ASCII expressions are refused, and {@link posixMatches} refuses non-ASCII subjects.
 * Both engines find a match for exactly the same strings once back-references and look-arounds are excluded: which
 * match glibc prefers (leftmost-longest) and which JavaScript prefers (leftmost-first) does not change whether one exists.
 */

/** Longer sources are refused; a squid.conf line is at most 8191 bytes anyway. */
const MAX_SOURCE = 4096;
/** The largest interval bound accepted: POSIX's minimum RE_DUP_MAX (glibc allows 32767). */
const MAX_REPEAT = 255;
/** glibc copies a repeated atom once per bound; an expression that unrolls to more atoms than this is refused. */
const MAX_WEIGHT = 4096;

/** The characters that, escaped by a backslash, glibc reads as themselves and that are accepted escaped. */
const ESCAPED_LITERALS = new Set('.[](){}*+?|^$\\/-');
/** The characters that must be escaped to be literal in a JavaScript pattern outside a class. */
const JS_SYNTAX = new Set('\\^$.*+?()[]{}|/');

/** The POSIX character classes as the C locale defines them (<ctype.h>), as the inside of a JavaScript class. */
const CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\x41-\\x5a\\x61-\\x7a',
  digit: '\\x30-\\x39',
  alnum: '\\x30-\\x39\\x41-\\x5a\\x61-\\x7a',
  upper: '\\x41-\\x5a',
  lower: '\\x61-\\x7a',
  space: '\\x09-\\x0d\\x20',
  blank: '\\x09\\x20',
  xdigit: '\\x30-\\x39\\x41-\\x46\\x61-\\x66',
  punct: '\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** A piece of the translation: its JavaScript text, how many atoms glibc unrolls it to, which anchors it holds. */
interface Emitted {
  readonly js: string;
  readonly weight: number;
  /** It holds an anchor, `^` or `$`. */
  readonly anchored: boolean;
  /** It holds a `$`: nothing may follow it. */
  readonly ends: boolean;
}

/** The reading position in the source. */
interface Cursor {
  readonly s: string;
  i: number;
}

const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

const literal = (c: string): string => (JS_SYNTAX.has(c) ? `\\${c}` : c);

/** The kind of an ASCII alphanumeric (the only range ends accepted): 'a', 'A', '0', or undefined. */
function rangeKind(c: string): string | undefined {
  if (c >= 'a' && c <= 'z') return 'a';
  if (c >= 'A' && c <= 'Z') return 'A';
  if (c >= '0' && c <= '9') return '0';
  return undefined;
}

const INTERVAL = /\{(0|[1-9][0-9]{0,2})(,(0|[1-9][0-9]{0,2})?)?\}/y;

/** A repetition at the cursor: its JavaScript text and how many copies glibc makes; null if none; undefined if invalid. */
function repetition(c: Cursor): { readonly js: string; readonly copies: number } | null | undefined {
  const ch = c.s[c.i];
  if (ch === '*' || ch === '+' || ch === '?') {
    c.i++;
    return { js: ch, copies: 1 };
  }
  if (ch !== '{') return null;
  INTERVAL.lastIndex = c.i;
  const m = INTERVAL.exec(c.s);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[3] === undefined ? undefined : Number(m[3]);
  if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) return undefined;
  c.i += m[0].length;
  return { js: m[0], copies: Math.max(1, max ?? min + 1) };
}

/** A bracket expression, the cursor on its `[`. */
function bracket(c: Cursor): Emitted | undefined {
  const s = c.s;
  c.i++;
  const negated = s[c.i] === '^';
  if (negated) c.i++;
  const start = c.i;
  const parts: string[] = [];
  for (let first = true; ; first = false) {
    if (c.i >= s.length) return undefined;
    const ch = s[c.i];
    if (ch === ']' && !first) break;
    if (ch === '[' && (s[c.i + 1] === '.' || s[c.i + 1] === '=')) return undefined; // collating symbol, equivalence class
    if (ch === '[' && s[c.i + 1] === ':') {
      const end = s.indexOf(':]', c.i + 2);
      const name = end < 0 ? undefined : s.slice(c.i + 2, end);
      if (name === undefined || !Object.prototype.hasOwnProperty.call(CLASSES, name)) return undefined;
      parts.push(CLASSES[name]);
      c.i = end + 2;
      continue;
    }
    // A '-' that is neither first nor last is a range operator without a usable start (after a class or a range).
    if (ch === '-' && !first && s[c.i + 1] !== ']') return undefined;
    c.i++;
    if (s[c.i] === '-' && c.i + 1 < s.length && s[c.i + 1] !== ']') {
      const last = s[c.i + 1];
      const kind = rangeKind(ch);
      if (kind === undefined || rangeKind(last) !== kind || last < ch) return undefined;
      parts.push(`${hex(ch)}-${hex(last)}`);
      c.i += 2;
    } else {
      parts.push(hex(ch));
    }
  }
  // '[:alpha:]' outside a bracket is a set of the letters ':', 'a', 'l', …, surely meant as a class; GNU grep rejects it.
  const content = s.slice(start, c.i);
  if (content.length > 1 && content.startsWith(':') && content.endsWith(':')) return undefined;
  c.i++;
  return { js: `[${negated ? '^' : ''}${parts.join('')}]`, weight: 1, anchored: false, ends: false };
}

const plain = (js: string): Emitted => ({ js, weight: 1, anchored: false, ends: false });

/**
 * One atom at the cursor (not `|` or `)`), or undefined if it is outside the subset. `first`: nothing can have been
 * matched before it (it starts its branch, and so do the groups around it), the only place a `^` is accepted.
 */
function atom(c: Cursor, first: boolean): Emitted | undefined {
  const ch = c.s[c.i];
  switch (ch) {
    case '(': {
      c.i++;
      const inner = alternation(c, true, first);
      if (inner === undefined || c.s[c.i] !== ')') return undefined;
      c.i++;
      return { ...inner, js: `(?:${inner.js})` };
    }
    case '^':
      c.i++;
      return first ? { js: ch, weight: 1, anchored: true, ends: false } : undefined;
    case '$':
      c.i++;
      return { js: ch, weight: 1, anchored: true, ends: true };
    case '.':
      c.i++;
      return plain('.');
    case '[':
      return bracket(c);
    case '\\': {
      const next = c.s[c.i + 1];
      if (next === undefined || !ESCAPED_LITERALS.has(next)) return undefined;
      c.i += 2;
      return plain(literal(next));
    }
    case '*':
    case '+':
    case '?':
    case '{':
      return undefined; // nothing to repeat
    default:
      // Everything else, ']' and '}' included, is an ordinary character in glibc's ERE.
      c.i++;
      return plain(literal(ch));
  }
}

/**
 * A non-empty run of atoms, each perhaps repeated once.
 *
 * The anchors are accepted only where nothing can be matched before a `^` or after a `$`: not in a repeated group, not
 * after (before) another atom. Elsewhere glibc's regexec, even without REG_NEWLINE, satisfies `^` just after a newline
 * the match has consumed and `$` just before one it goes on to consume ('.^a' and 'a$.' match "\na" and "a\n"), where
 * JavaScript's never hold.
 */
function branch(c: Cursor, first: boolean): Emitted | undefined {
  const out: string[] = [];
  let weight = 0;
  let anchored = false;
  let ends = false;
  while (c.i < c.s.length && c.s[c.i] !== '|' && c.s[c.i] !== ')') {
    if (ends) return undefined; // something after a '$'
    const a = atom(c, first && out.length === 0);
    if (a === undefined) return undefined;
    const rep = repetition(c);
    if (rep === undefined) return undefined;
    if (rep === null) {
      out.push(a.js);
      weight += a.weight;
    } else {
      // A repeated anchor, or a repetition repeated ('a**', 'a+?', 'a{2}*'): POSIX leaves it undefined.
      if (a.anchored || repetition({ s: c.s, i: c.i }) !== null) return undefined;
      out.push(a.js + rep.js);
      weight += a.weight * rep.copies;
    }
    if (weight > MAX_WEIGHT) return undefined;
    anchored ||= a.anchored;
    ends ||= a.ends;
  }
  return out.length === 0 ? undefined : { js: out.join(''), weight, anchored, ends };
}

/** Branches separated by `|`, none empty; inside a group, the cursor is left on its `)`. */
function alternation(c: Cursor, nested: boolean, first: boolean): Emitted | undefined {
  const out: string[] = [];
  let weight = 0;
  let anchored = false;
  let ends = false;
  for (;;) {
    const b = branch(c, first);
    if (b === undefined) return undefined;
    out.push(b.js);
    weight += b.weight;
    anchored ||= b.anchored;
    ends ||= b.ends;
    if (weight > MAX_WEIGHT) return undefined;
    if (c.s[c.i] !== '|') break;
    c.i++;
  }
  // At the top, a ')' is unmatched (glibc would read it as a literal; refused); in a group, the end is unclosed.
  if (nested ? c.i >= c.s.length : c.i < c.s.length) return undefined;
  return { js: out.join('|'), weight, anchored, ends };
}

/** A POSIX extended regular expression as glibc's regcomp reads it (Squid's ACLs), as a JavaScript RegExp that matches exactly the same strings; undefined where the guard cannot be sure the two agree. */
export function posixToJs(source: string, ignoreCase: boolean): RegExp | undefined {
  // Printable ASCII only: no control characters (squid.conf could not carry most of them), nothing non-ASCII.
  if (source.length === 0 || source.length > MAX_SOURCE || !/^[\x20-\x7e]+$/.test(source)) return undefined;
  const read = alternation({ s: source, i: 0 }, false, true);
  if (read === undefined) return undefined;
  try {
    // 's': glibc's '.' matches a newline. No 'u': its case folding maps non-ASCII letters onto ASCII ones ('ſ', 'K').
    return new RegExp(read.js, ignoreCase ? 'is' : 's');
  } catch {
    return undefined;
  }
}

/**
 * Whether Squid's `regexec` finds the expression in the subject, without REG_NOTBOL; undefined where the guard cannot be
 * sure: the expression is refused by {@link posixToJs}, or the subject is not ASCII (Squid matches bytes or the
 * locale's characters, not UTF-16 units) or holds a NUL (a C string ends there).
 */
export function posixMatches(source: string, ignoreCase: boolean, subject: string): boolean | undefined {
  if (!/^[\x01-\x7f]*$/.test(subject)) return undefined;
  return posixToJs(source, ignoreCase)?.test(subject);
}
