/**
 * Jest setup (setupFilesAfterEnv): aws-cdk-lib's built-in CloudFormation template validation is switched off in the
 * suites that do not test template validity (issue 17).
 *
 * aws-cdk-lib 2.276 validates every synthesized template against the CloudFormation schema unless CDK_VALIDATION is
 * "false" (core/lib/private/synthesis-validation.js, `defaultValidationEnabled`). Loading the schema alone costs
 * seconds of CPU in every test file (Jest gives each file a fresh module registry), and each template adds more: in
 * the guard, model and fuzz suites that is pure overhead, since they assert what the guard and the renderers do, not
 * whether CloudFormation would accept the template. The suites that do keep it, as users run it: the reference
 * examples (test/cdk/models.test.ts, which synthesizes every example blueprint) and the integration suites.
 *
 * Jest gives each test file its own copy of process.env, so the switch never leaks into a suite that keeps validation.
 */
const KEEPS_VALIDATION = [/[/\\]test[/\\]cdk[/\\]models\.test\.ts$/, /[/\\]test[/\\]integration[/\\]/];

const testPath = expect.getState().testPath ?? '';
if (!KEEPS_VALIDATION.some((re) => re.test(testPath))) process.env.CDK_VALIDATION = 'false';
