/**
 * A strict, small XML reader for the tests of generated SVG (and XHTML-like) output: it refuses what an XML parser must
 * refuse (unclosed or mismatched tags, unquoted or duplicate attributes, `<` or a bare `&` in text or attributes, unknown
 * entities, characters XML 1.0 does not allow) and returns the element tree with text and attributes decoded. It does
 * not read DTDs; a `<?xml?>` declaration and comments are accepted.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: (XmlElement | string)[];
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`XML: "<" in ${where}`);
  if (FORBIDDEN_CHARS.test(raw)) throw new Error(`XML: a character XML 1.0 does not allow in ${where}`);
  return raw.replace(/&([^;\s&<]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`XML: a bare "&" in ${where}`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    if (!(ref in ENTITIES)) throw new Error(`XML: unknown entity &${ref}; in ${where}`);
    return ENTITIES[ref];
  });
}

/** Parse a document with one root element; throws on anything not well-formed. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`);
  const attr = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (chunk !== '') {
      if (stack.length === 0) {
        if (chunk.trim() !== '') throw new Error(`XML: text outside the root element at ${i}`);
      } else {
        stack[stack.length - 1].children.push(decode(chunk, `text at ${i}`));
      }
    }
    if (lt === -1) break;
    const rest = text.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1 || text.slice(lt + 4, end).includes('--')) throw new Error(`XML: bad comment at ${lt}`);
      i = end + 3;
    } else if (rest.startsWith('<?')) {
      if (root || stack.length > 0 || !/^<\?xml\s[^>]*\?>/.test(rest)) throw new Error(`XML: unexpected processing instruction at ${lt}`);
      i = lt + rest.indexOf('?>') + 2;
    } else if (rest.startsWith('</')) {
      const m = new RegExp(`^</(${NAME})\\s*>`).exec(rest);
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`XML: mismatched end tag at ${lt}: ${rest.slice(0, 40)}`);
      i = lt + m[0].length;
    } else {
      const m = tag.exec(rest);
      if (!m) throw new Error(`XML: malformed tag at ${lt}: ${rest.slice(0, 60)}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(attr)) {
        if (a[1] in attrs) throw new Error(`XML: duplicate attribute ${a[1]} at ${lt}`);
        attrs[a[1]] = decode(a[2] ?? a[3], `attribute ${a[1]} at ${lt}`);
      }
      const element: XmlElement = { name: m[1], attrs, children: [] };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) throw new Error(`XML: a second root element at ${lt}`);
      else root = element;
      if (m[3] !== '/') stack.push(element);
      i = lt + m[0].length;
    }
  }
  if (stack.length > 0) throw new Error(`XML: unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('XML: no root element');
  return root;
}

/** Every element under (and including) `root` that matches, in document order. */
export function findAll(root: XmlElement, match: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (match(e)) out.push(e);
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(root);
  return out;
}

/** The text of an element, its elements' texts joined by newlines. */
export function textOf(root: XmlElement): string {
  return root.children.map((c) => (typeof c === 'string' ? c : textOf(c))).filter((t) => t !== '').join('\n');
}
