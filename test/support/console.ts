/**
 * Run `fn` (a synthesis) expecting aws-cdk-lib's CloudFormation template validation to print exactly the named
 * warnings (it reports them on console.error and lets synthesis go on). They are kept out of the test output, which
 * should show nothing for a passing test; anything else printed on console.error, or a warning not named, fails the
 * test with the printed text, so nothing real is hidden. With CDK_VALIDATION=false (aws-cdk-lib skips the validation)
 * nothing at all may be printed.
 */
export function expectingCfnValidationWarnings<T>(ids: readonly string[], fn: () => T): T {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let result: T;
  let printed: string[];
  try {
    result = fn();
  } finally {
    // Read before restoring: mockRestore() forgets the calls.
    printed = spy.mock.calls.map((args) => args.map(String).join(' '));
    spy.mockRestore();
  }
  const expected = process.env.CDK_VALIDATION === 'false' ? [] : ids;
  const seen = printed.flatMap((text) => [...text.matchAll(/Acknowledge with '([^']+)'/g)].map((m) => m[1]));
  const unexpected = printed.filter((text) => !/\(CloudFormation Validate\)/.test(text) || [...text.matchAll(/Acknowledge with '([^']+)'/g)].some((m) => !expected.includes(m[1])));
  if (unexpected.length > 0 || expected.some((id) => !seen.includes(id))) {
    throw new Error(`expected CloudFormation validation warnings ${expected.join(', ') || '(none)'} only; console.error got:\n${printed.join('\n') || '(nothing)'}`);
  }
  return result;
}
