import { Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCdkExample } from '../../examples/cdk/_app';

describe.each(['alpha', 'alpha-prime', 'beta', 'beta-prime'])('cdk-nag AwsSolutionsChecks on the %s example', (name) => {
  test('no unsuppressed error, and every suppression gives a reason', () => {
    const { app, stack } = buildCdkExample(name);
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    // One synthesis: its messages are what Annotations.fromStack reads, which would synthesize the app again (force).
    const artifact = app.synth().getStackByName(stack.stackName);
    const nagMessages = (level: string) => artifact.messages
      .filter((m) => m.level === level && /AwsSolutions-/.test(String(m.entry.data)))
      .map((m) => `${m.id}: ${String(m.entry.data).split('\n')[0]}`);
    expect(nagMessages('error')).toEqual([]);
    expect(nagMessages('warning')).toEqual([]);

    // Every suppression recorded on any construct has a reason of substance.
    const template = artifact.template;
    const suppressions = Object.values(template.Resources as Record<string, any>)
      .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[];
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) {
      expect(s.reason).toMatch(/\S/);
      expect(s.reason.length).toBeGreaterThan(30);
    }
  });
});
