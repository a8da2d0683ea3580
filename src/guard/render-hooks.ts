/**
 * The engine-neutral half of "render once" (src/cdk/render-once.ts, src/cdktf/render-once.ts): hooks on one guarded
 * stack object and on its synthesizer, never on their classes, so that unguarded stacks are untouched.
 */

type Method = (...args: any[]) => any;

/** Stacks already hooked: hooking twice would wrap the hooks themselves. */
const hooked = new WeakSet<object>();

/**
 * The error for a stack whose output is not what the guard checked: something changed it after the guard's validation
 * (a later validation, aspect or synthesis hook, a custom synthesizer). The guard refuses to let it be written unchecked.
 */
export function changedAfterCheck(stackPath: string, what: string): Error {
  return new Error(`[${stackPath}] GUARD-1 (ガードの前提): the stack's output is not what the topology guard checked: ${what}. `
    + 'Fix: make every change to the stack before synthesis validates it (not in a later validation, aspect, synthesis hook or '
    + 'custom synthesizer), so that the guard checks what is written');
}

/** What to do once a stack's synthesizer has written the stack (the design documents), by stack. */
const afterWrite = new WeakMap<object, (session: any) => void>();

/**
 * Run `action` once the stack's synthesizer has written the stack in the next synthesis (and not when it fails); a
 * later call replaces an action not run yet, so every validation states afresh what its synthesis writes.
 */
export function whenWritten(stack: object, action: (session: any) => void): void {
  afterWrite.set(stack, action);
}

/** The functions `hookMethod` installed. */
const hooks = new WeakSet<Method>();

/** True if `fn` is a hook the guard installed (not a user's override). */
export function isHook(fn: unknown): boolean {
  return typeof fn === 'function' && hooks.has(fn as Method);
}

/** Replace `name` on this object only; `hook` receives the method the object had (its class's) and the arguments. */
export function hookMethod(target: object, name: string, hook: (original: Method, ...args: any[]) => any): void {
  const original = ((target as Record<string, Method>)[name]).bind(target);
  const value = (...args: any[]) => hook(original, ...args);
  hooks.add(value);
  Object.defineProperty(target, name, { configurable: true, writable: true, enumerable: false, value });
}

/**
 * Make the stack's `render` method return what `reuse()` hands back, rendering only when it hands back nothing, and
 * bracket every run of the stack's synthesizer with `synthesis.start` / `synthesis.end` (the end runs on failure too).
 * A stack is hooked once; later calls do nothing.
 */
export function hookRender(
  stack: { readonly synthesizer: unknown },
  render: string,
  reuse: () => unknown,
  synthesis: { start?(): void; written?(session: any): void; end(): void },
): void {
  if (hooked.has(stack)) return;
  hooked.add(stack);
  hookMethod(stack, render, (original) => reuse() ?? original());
  hookMethod(stack.synthesizer as object, 'synthesize', (synthesize, session) => {
    synthesis.start?.();
    try {
      const result = synthesize(session);
      // What was written is what the guard checked (or the synthesis fails), before anything else is written beside it.
      synthesis.written?.(session);
      const action = afterWrite.get(stack);
      afterWrite.delete(stack);
      action?.(session);
      return result;
    } finally {
      synthesis.end();
    }
  });
}

/** The class's `name` method bound to `target`, bypassing a hook installed on the instance. */
export function classMethod(target: object, name: string): Method {
  return (Object.getPrototypeOf(target)[name] as Method).bind(target);
}

/** True if `list` begins with the items of `prefix`, the very same objects in the same order. */
export function startsWith<T>(list: readonly T[], prefix: readonly T[]): boolean {
  return list.length >= prefix.length && prefix.every((item, i) => list[i] === item);
}
