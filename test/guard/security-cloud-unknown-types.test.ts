/**
 * SC-3 over a resource of a type the guard does not know in the security cloud: GUARD-2 refuses such a type in the My
 * Number or LGWAN segment (it may open a path of its own: a public endpoint, a load balancer AWS runs for it) but leaves
 * the Internet segment alone, and SC-3 asked only the types known to let the internet in (outside tester, red team 49: a
 * type the guard does not know in the hub or a member's Internet segment was never asked). In the hub or a member's
 * Internet segment it is refused now (fail closed), in both engines; a lone network (no hub) is not the security cloud's.
 */
import { prefectureCfn, prefectureTf } from './security-cloud-fixture';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding, formatFinding } from '../../src/guard/rule';
import { notJapanese } from '../support/japanese';

type Where = 'hub' | 'member';

function cfn(where: Where, type: string) {
  const template = prefectureCfn().Prefecture;
  (template.Resources as Record<string, any>).Odd = { Type: type, Properties: { SubnetIds: [{ Ref: where === 'member' ? 'SubnetA' : 'HubservicesSubnet' }] } };
  return extractCloudFormation({ Prefecture: template });
}

function tf(where: Where, type: string) {
  const config = prefectureTf();
  const r = config.resource as Record<string, Record<string, any>>;
  (r[type] ??= {}).odd = { subnet_ids: [`\${${where === 'member' ? 'aws_subnet.a' : 'aws_subnet.hub_services'}.id}`] };
  return extractTerraform({ prefecture: config });
}

const sc3 = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'SC-3');

describe.each([
  ['CloudFormation', cfn, 'AWS::Foo::Bar', 'Odd', 'AWS::EFS::MountTarget'],
  ['Terraform', tf, 'aws_foo_bar', 'aws_foo_bar.odd', 'aws_efs_mount_target'],
] as const)('SC-3 over a resource type the guard does not know (%s)', (_, graphOf, unknown, where, known) => {
  test.each([
    ['the hub\'s services subnet', 'hub' as Where, /runs in subnet \S+ of the hub: whether it lets the internet in around the public web and mail relay entrances cannot be told \(fail closed\)/],
    ['member A\'s Internet segment', 'member' as Where, /runs in subnet \S+ of member VPC \S+, which takes no internet ingress: whether it lets the internet in cannot be told/],
  ])('refuses one in %s, naming the type and the acknowledgement that settles it', (__, place, expected) => {
    const findings = sc3(checkTopology(graphOf(place, unknown), { model: NetworkModel.ALPHA }));
    expect(findings.map((f) => f.path)).toEqual([where]);
    const text = findings.map(formatFinding).join('\n');
    expect(text).toMatch(new RegExp(`SC-3 error .*a resource of type ${unknown.replace(/[:]/g, '\\:')}, which the guard does not know, `));
    expect(text).toMatch(expected);
    expect(text).toMatch(/acknowledge SC-3 on this resource with that reason/);
    for (const f of findings) expect([notJapanese(f.ja?.message), notJapanese(f.ja?.fix)]).toEqual([undefined, undefined]);
  });

  test('a type the guard knows there (a mount target) is no way in', () => {
    expect(sc3(checkTopology(graphOf('hub', known), { model: NetworkModel.ALPHA })).map(formatFinding)).toEqual([]);
  });
});

test('without a hub (a lone network), a type the guard does not know in the Internet segment is left alone', () => {
  const r: Record<string, any> = {
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'INTERNET' }] } },
    InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
    Odd: { Type: 'AWS::Foo::Bar', Properties: { SubnetIds: [{ Ref: 'InSub' }] } },
  };
  const findings = checkTopology(extractCloudFormation({ S: { Resources: r } }), { model: NetworkModel.ALPHA });
  expect(findings.filter((f) => f.ruleId === 'SC-3' || f.ruleId === 'GUARD-2').map(formatFinding)).toEqual([]);
});
