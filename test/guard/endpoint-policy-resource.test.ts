/**
 * Terraform's `aws_vpc_endpoint_policy` replaces a VPC endpoint's policy, and without `policy` gives it AWS's full-access
 * default (provider 5.100 documentation). The guard read only the endpoint's own `policy`, so a full-access policy set
 * apart passed MN-5 (outside auditor, red team 38). With both, terraform writes one over the other on every apply.
 */
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

const PINNED = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalAccount': '${data.aws_caller_identity.me.account_id}', 'aws:ResourceAccount': '${data.aws_caller_identity.me.account_id}' } },
  }],
});
const FULL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });

/** A My Number gateway endpoint with `inline` as its own policy, and a standalone policy resource (`standalone`: its policy; null: left out). */
function findings(inline: string | undefined, standalone?: string | null): string[] {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
    aws_vpc_endpoint: { s3: { vpc_id: '${aws_vpc.mn.id}', service_name: 'com.amazonaws.ap-northeast-1.s3', ...inline ? { policy: inline } : {} } },
  };
  if (standalone !== undefined) {
    resource.aws_vpc_endpoint_policy = { p: { vpc_endpoint_id: '${aws_vpc_endpoint.s3.id}', ...standalone === null ? {} : { policy: standalone } } };
  }
  return checkTopology(extractTerraform({ t: { data: { aws_caller_identity: { me: {} } }, resource } as any }), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'MN-5' || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}`);
}

describe('a VPC endpoint policy written as its own resource', () => {
  test('the setting: the endpoint\'s own pinned policy passes; a full-access one is MN-5', () => {
    expect(findings(PINNED)).toEqual([]);
    expect(findings(FULL)).toEqual(['MN-5 aws_vpc_endpoint.s3']);
  });

  test('a standalone full-access policy, or one with its policy left out (AWS\'s default), is MN-5; a pinned one passes', () => {
    expect(findings(undefined, FULL)).toEqual(['MN-5 aws_vpc_endpoint.s3']);
    expect(findings(undefined, null)).toEqual(['MN-5 aws_vpc_endpoint.s3']);
    expect(findings(undefined, PINNED)).toEqual([]);
  });

  test('beside the endpoint\'s own policy: GUARD-1 (one overwrites the other), and the standalone one is judged', () => {
    expect(findings(PINNED, FULL).sort()).toEqual(['GUARD-1 aws_vpc_endpoint_policy.p', 'MN-5 aws_vpc_endpoint.s3']);
  });
});
