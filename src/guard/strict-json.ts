/**
 * JSON as the CLI and the security cloud hub's evidence (hub-evidence.ts) read it: `JSON.parse`, refusing an object that
 * names one key twice.
 *
 * `JSON.parse` keeps the last of two equal keys and drops the first without a word, while other readers of the same
 * file do not: Terraform's JSON syntax reads a repeated block key as another block (two `"resource"` keys are two
 * resource blocks, both applied), so a first `"resource"` holding an internet gateway would be applied by Terraform and
 * never seen by the guard. RFC 8259 §4 leaves the meaning of repeated names to each reader; the guard must see what is
 * deployed, so a repeated key is refused (fail closed) rather than guessed at.
 */

/** Where a key is repeated: its path from the root, ending in the key (`resource.aws_route`, `a.list[1].key`). */
export interface RepeatedKey {
  readonly path: string;
}

/**
 * Parse `text` as JSON; throws the `JSON.parse` error for a text that is not JSON, and `repeated(keys)` (its first ten)
 * for one whose objects repeat a key.
 */
export function parseStrictJson(text: string, repeated: (keys: readonly RepeatedKey[]) => Error): unknown {
  const value = JSON.parse(text);
  // Most texts have no repeated key: only a text with an object is scanned, once, after it is known to be valid JSON.
  const found = repeatedKeys(text, 10);
  if (found.length > 0) throw repeated(found);
  return value;
}

interface Frame {
  readonly object: boolean;
  readonly path: string;
  /** The keys seen so far (objects only). */
  readonly keys: Set<string>;
  /** The next element's index (arrays only). */
  index: number;
}

/**
 * The repeated keys of a text already known to be valid JSON, at most `limit`, in order of appearance. Iterative (no
 * recursion), so that a deeply nested text cannot overflow the stack.
 */
export function repeatedKeys(text: string, limit = Infinity): RepeatedKey[] {
  const out: RepeatedKey[] = [];
  const stack: Frame[] = [];
  /** The path of the value that starts next: the key just read in an object, the index in an array. */
  let next = '';
  let expectingKey = false;
  let i = 0;
  while (i < text.length && out.length < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectingKey && top?.object) {
        const key = JSON.parse(text.slice(i, end)) as string; // escapes decoded: "\u0072esource" is "resource"
        next = join(top.path, key);
        if (top.keys.has(key)) out.push({ path: next });
        else top.keys.add(key);
        expectingKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const top = stack[stack.length - 1];
      const path = top && !top.object ? `${top.path}[${top.index}]` : next;
      stack.push({ object: c === 0x7b, path, keys: new Set(), index: 0 });
      expectingKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectingKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) expectingKey = true;
      else if (top) top.index++;
    }
    i++;
  }
  return out;
}

/** The index just past the string literal that starts at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function join(path: string, key: string): string {
  const part = /^[A-Za-z_$][\w$:-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? part : `${path}.${part}`;
}

/**
 * JSON text embedded in a resource (an endpoint policy, a state machine definition, an API body) as the readers parse
 * it: `parseStrictJson`, a repeated key thrown like text that is not JSON, so that the reader's fail-closed way for
 * unreadable text takes it (AWS's own parser may keep the other copy).
 */
export function parseEmbeddedJson(text: string): unknown {
  return parseStrictJson(text, (keys) => new SyntaxError(`an object names the same key twice (${keys.map((k) => k.path).join(', ')})`));
}

/** The repeated keys an error of `parseEmbeddedJson` names (`a.b, c[0].d`), or undefined for any other error. */
export function repeatedKeyPaths(e: unknown): string | undefined {
  const m = e instanceof SyntaxError ? /^an object names the same key twice \((.*)\)$/.exec(e.message) : null;
  return m ? m[1] : undefined;
}
