import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCdkExample } from '../../examples/cdk/_app';

describe.each(['alpha', 'alpha-prime', 'beta', 'beta-prime'])('cdk-nag AwsSolutionsChecks on the %s example', (name) => {
  test('no unsuppressed error, and every suppression gives a reason', () => {
    const { app, stack } = buildCdkExample(name);
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    app.synth();
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data).split('\n')[0]}`)).toEqual([]);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(warnings.map((w) => `${w.id}: ${String(w.entry.data).split('\n')[0]}`)).toEqual([]);

    // Every suppression recorded on any construct has a reason of substance.
    const template = app.synth().getStackByName(stack.stackName).template;
    const suppressions = Object.values(template.Resources as Record<string, any>)
      .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[];
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) {
      expect(s.reason).toMatch(/\S/);
      expect(s.reason.length).toBeGreaterThan(30);
    }
  });
});
