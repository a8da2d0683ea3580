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
const KEEPS_VALIDATION = [/[/\\]test[/\\]cdk[/\\]models\.test\.ts$/, /[/\\]test[/\\]integration[/\\]/];
const SKIPS_VALIDATION = [/[/\\]test[/\\]integration[/\\](squid|icap)\.test\.ts$/];

const testPath = expect.getState().testPath ?? '';
if (!KEEPS_VALIDATION.some((re) => re.test(testPath)) || SKIPS_VALIDATION.some((re) => re.test(testPath))) process.env.CDK_VALIDATION = 'false';
