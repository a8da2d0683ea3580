/**
 * A per-process cache of a pure function of a string (parsed prefixes, translated expressions, checked domains: the
 * same few values recur in every stack of an app), emptied when it holds `limit` entries so that a long-running process
 * (a watch, a fuzz run) does not grow without bound. `undefined` results are cached too.
 */
export function memoizeBounded<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
