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

/**
 * `make()` for `key` (an app's root construct) once per validation pass: aws-cdk-lib and cdktf validate every stack of
 * an app in one synchronous job, and each guarded stack asks (asking every stack about every other made the guard
 * quadratic in the stacks). The value is dropped at the next microtask, so a later synthesis of the same app (stacks
 * added since) computes it afresh.
 */
export function oncePerValidation<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const made = make();
  cache.set(key, made);
  queueMicrotask(() => cache.delete(key));
  return made;
}

/**
 * `make(key)` once per object (a topology graph), kept as long as the object lives: the indexes the rules ask for again
 * and again (a group's separate rules, its VPC associations) are built on the first question.
 */
export function oncePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, value = make(key));
    return value;
  };
}
