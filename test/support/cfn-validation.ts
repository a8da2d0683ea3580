/**
 * Jest setup (setupFilesAfterEnv): aws-cdk-lib's built-in CloudFormation template validation is switched off in the
 * suites that do not test template validity (issue 17).
 *
 * aws-cdk-lib 2.276 validates every synthesized template against the CloudFormation schema unless CDK_VALIDATION is
 * "false" (core/lib/private/synthesis-validation.js, `defaultValidationEnabled`). Loading the schema alone costs
 * seconds of CPU in every test file (Jest gives each file a fresh module registry), and each template adds more: in
 * the guard, model and fuzz suites that is pure overhead, since they assert what the guard and the renderers do, not
 * whether CloudFormation would accept the template. The suites that do keep it, as users run it: the reference
 * examples (test/cdk/models.test.ts, which synthesizes every example blueprint) and the integration suites, except the
 * Squid and ICAP suites: they synthesize one example each only to read its proxy's boot script, and those examples'
 * templates are validated already (models.test.ts and the `cdk synth --strict` run of test/integration/cdk-strict.test.ts,
 * which also synthesizes α′ case ウ), while starting the validation costs about 8 s of CPU per file.
 *
 * Jest gives each test file its own copy of process.env, so the switch never leaks into a suite that keeps validation.
 */
import * as path from 'path';

const KEEPS_VALIDATION = [/[/\\]test[/\\]cdk[/\\]models\.test\.ts$/, /[/\\]test[/\\]integration[/\\]/];
const SKIPS_VALIDATION = [/[/\\]test[/\\]integration[/\\](squid|icap)\.test\.ts$/];

const testPath = expect.getState().testPath ?? '';
if (!KEEPS_VALIDATION.some((re) => re.test(testPath)) || SKIPS_VALIDATION.some((re) => re.test(testPath))) {
  process.env.CDK_VALIDATION = 'false';
  // The same suites skip the creation stack trace aws-cdk-lib records for every L1 resource (CfnElement's constructor:
  // Error.captureStackTrace, parsed and filtered, kept as `aws:cdk:creationStack` metadata in the construct tree, never in
  // a template): about 12% of the CPU of test/guard/mutations-cdk.test.ts (4.1 s of 35 s, `--cpu-prof`). Nothing here
  // reads it. The context key is aws-cdk-lib's own switch (cx-api DISABLE_CREATION_STACK_TRACES,
  // "aws:cdk:disable-creation-stack-traces"); App merges CDK_CONTEXT_JSON into every app's context, as the CDK CLI passes
  // its context.
  const context = process.env.CDK_CONTEXT_JSON ? JSON.parse(process.env.CDK_CONTEXT_JSON) : {};
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ ...context, 'aws:cdk:disable-creation-stack-traces': true });
  // cdktf has no such switch: every Intrinsic, Lazy, ComplexComputedList and dynamic block records a full stack trace
  // (cdktf/lib/tokens/private/stack-trace.js `captureStackTrace`, with Error.stackTraceLimit raised to
  // Number.MAX_SAFE_INTEGER), used only in the text of a token-resolution error. Capturing and formatting those traces
  // was about a quarter of the CPU of test/guard/mutations-tf.test.ts (9 s of 36 s, `--cpu-prof`). Here the capture
  // records nothing, as if the trace were empty; what cdktf synthesizes does not change.
  jest.mock('cdktf/lib/tokens/private/stack-trace', () => ({ captureStackTrace: (): string[] => [] }));
  // aws-cdk-lib writes the construct tree (tree.json, for the console's tree view) at every synthesis unless an App is
  // given treeMetadata: false, and no context key turns it off; nothing here reads it, and writing it was about a fifth
  // of an example's synthesis (the α′ example: 64 against 80-90 ms). Its TreeMetadata construct (added at synthesis,
  // core/lib/private/synthesis.js injectTreeMetadata) becomes a class that adds nothing. The package's exports map hides
  // the module's name, so it is named by its file.
  jest.mock(path.join(path.dirname(require.resolve('aws-cdk-lib')), 'core', 'lib', 'private', 'tree-metadata.js'), () => ({ TreeMetadata: class {} }));
}
