/**
 * Text read from a template or plan (construct paths, logical IDs, Terraform addresses, tag values) reaches a person
 * through the guard's messages, the command line's reports and the design documents. A hostile or careless name could
 * hold terminal escape sequences, a line break that forges a line of a log ("…: compliant"), or bidirectional and
 * zero-width characters that make a reader see another name than the one written (Trojan Source, CVE-2021-42574).
 * Every such character is shown as its escape instead (`\u202e`), visibly, so that a reviewer sees what is there.
 */

/**
 * Control characters (C0, DEL, C1), invisible format characters (`\p{Cf}`: bidirectional overrides and isolates,
 * zero-width characters, the byte-order mark), line and paragraph separators and lone surrogates. Line feed and tab are
 * matched too: in one line of output they would start a new line or column.
 */
const HIDDEN_LINE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const HIDDEN_LINE_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
/** The same for text that may run over several lines (a document's cell): line feed and tab are kept. */
const HIDDEN_LINES = /(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const HIDDEN_LINES_ALL = /(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

function escape(c: string): string {
  const code = c.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for an XML or HTML document (and every format made beside one): the characters XML 1.0 forbids (C0 controls but
 * tab, LF and CR, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, the other hidden ones shown as their escapes
 * (`visible`, lines kept).
 */
export function documentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return visible(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'), true);
}

/**
 * `text` with every hidden character written as its escape (`\u001b`, `\u202e`, `\u{e0001}`). `lines`: the text may span
 * lines (line feeds and tabs are kept). Text without such characters is returned as it is.
 */
export function visible(text: string, lines = false): string {
  if (!(lines ? HIDDEN_LINES : HIDDEN_LINE).test(text)) return text;
  return text.replace(lines ? HIDDEN_LINES_ALL : HIDDEN_LINE_ALL, escape);
}
