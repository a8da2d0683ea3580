import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { hubProps } from './fixtures';
import { SecurityCloud } from '../../src/cdk';

test('cdk-nag AwsSolutionsChecks on the hub: no unsuppressed error or warning, every suppression with a reason', () => {
  const app = new App();
  const stack = new Stack(app, 'Hub', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  new SecurityCloud(stack, 'SecurityCloud', {
    ...hubProps(),
    publicWeb: {
      ...hubProps().publicWeb!,
      cdn: true,
      cdnWebAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/12345678-1234-1234-1234-123456789012',
      cdnCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    },
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  const findings = [
    ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
  ];
  expect(findings.map((e) => `${e.id}: ${String(e.entry.data).split('\n')[0]}`)).toEqual([]);
  const template = app.synth().getStackByName(stack.stackName).template;
  const suppressions = Object.values(template.Resources as Record<string, any>)
    .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[];
  for (const s of suppressions) expect(s.reason.length).toBeGreaterThan(30);
});
