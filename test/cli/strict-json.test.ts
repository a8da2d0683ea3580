/**
 * The CLI's JSON reader refuses an object that repeats a key (src/guard/strict-json.ts): JSON.parse keeps the last,
 * Terraform applies both. The scan is checked here against texts whose repeats are known by construction.
 */
import { parseStrictJson, repeatedKeys } from '../../src/guard/strict-json';

const paths = (text: string) => repeatedKeys(text).map((k) => k.path);

describe('repeated keys', () => {
  test('none in valid JSON without repeats, whatever strings hold', () => {
    expect(paths('{"a":"}{\\"a\\":1,","b":["{","[",{"a":1}],"c":{"a":{"a":2}}}')).toEqual([]);
    expect(paths('[{"a":1},{"a":2}]')).toEqual([]);
    expect(paths('"a"')).toEqual([]);
  });

  test('each repeat, with its path: nested, in arrays, spelled with escapes', () => {
    expect(paths('{"resource":{},"resource":{}}')).toEqual(['resource']);
    expect(paths('{"r":{"t":[{"x":1},{"y":1,"y":2}]}}')).toEqual(['r.t[1].y']);
    expect(paths('{"a":{"b":1,"\\u0062":2},"a":3}')).toEqual(['a.b', 'a']);
    expect(paths('{"a b":1,"a b":2}')).toEqual(['"a b"']);
  });

  test('parseStrictJson: the value, the parse error, or the caller\'s error naming the repeats', () => {
    expect(parseStrictJson('{"a":[1,2]}', () => new Error('no'))).toEqual({ a: [1, 2] });
    expect(() => parseStrictJson('{"a":', () => new Error('no'))).toThrow(SyntaxError);
    expect(() => parseStrictJson('{"a":1,"a":2}', (keys) => new Error(keys.map((k) => k.path).join()))).toThrow(/^a$/);
  });

  test('a deeply nested text does not overflow the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(paths(deep)).toEqual([]);
  });
});
