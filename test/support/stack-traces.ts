/**
 * Jest setup (setupFilesAfterEnv): stack traces that only a library keeps for itself are formatted the way plain Node.js
 * formats them, without Jest's source mapping (issue 17).
 *
 * cdktf records a full stack trace for every token it creates (cdktf/lib/tokens/private/stack-trace.js
 * `captureStackTrace`, called by Intrinsic, Lazy, ComplexComputedList and the dynamic blocks: a `creationStack` kept
 * for its error messages) by calling `Error.captureStackTrace` on a plain object. Under Jest every such capture goes
 * through the source-map-support hook Jest installs (jest-runner runTest.js), which maps each frame of each trace
 * through the inline source maps of cdktf and of the provider bindings: about half of the CPU of the CDKTF suites
 * (profiled in test/guard/mutations-tf.test.ts: 21 s of 42 s). Outside Jest, as users run it, Node.js formats these
 * traces with V8's default, unmapped.
 *
 * The hook is kept for Error objects, the traces a failing test prints; only captures on other objects (never a thrown
 * error) get V8's default text: the error's string, then one `    at <call site>` line per frame.
 * https://v8.dev/docs/stack-trace-api ("Customizing stack traces": Error.prepareStackTrace(error, structuredStackTrace))
 */
const mapped = Error.prepareStackTrace;
if (mapped) {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => (error instanceof Error
    ? mapped(error, frames)
    : [String(error), ...frames.map((f) => `    at ${f}`)].join('\n'));
}
