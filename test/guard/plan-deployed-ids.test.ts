/**
 * A plan of an existing deployment (`terraform plan` against a state, `terraform show -json`): where the plan of a new
 * deployment holds a value known only after apply, which the guard reads through the configuration's reference, it
 * holds the deployed resource's id (`vpc_id = "vpc-0123…"`), and AWS's unset values as empty strings. The guard reads an
 * id or ARN of a resource of the plan as that resource; an id of nothing in the plan stays outside it (GUARD-1, fail
 * closed). test/integration/terraform-plan.test.ts plans the HCL fixtures deployed with the real terraform.
 */
import { checkTopology } from '../../src/guard/check';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { nodesOf } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';

const SEG = 'jichitai:segment';
const MN_VPC = 'vpc-0a1b2c3d4e5f60718';
const INET_VPC = 'vpc-0f1e2d3c4b5a69788';
const MN_SUBNET = 'subnet-0a1b2c3d4e5f60718';
const MN_TABLE = 'rtb-0a1b2c3d4e5f60718';
const IGW = 'igw-0a1b2c3d4e5f60718';

/** The resource's references as a plan's configuration records them. */
const ref = (address: string, attribute = 'id') => ({ references: [`${address}.${attribute}`, address] });

/**
 * A deployed My Number VPC (with an empty ipv6_cidr_block, as the provider records a VPC without IPv6) with its subnet,
 * route table and an internet gateway, and an Internet VPC; the My Number table's default route goes to `target`.
 */
function deployed(target: string, extra: PlannedResource[] = [], tableTags: Record<string, string> | null = null): unknown {
  const vpc = (name: string, id: string, cidr: string, segment: string): PlannedResource => ({
    address: `aws_vpc.${name}`, values: { id, cidr_block: cidr, ipv6_cidr_block: '', tags: { [SEG]: segment } },
  });
  return handPlan([
    vpc('mn', MN_VPC, '10.0.0.0/16', 'MY_NUMBER'),
    vpc('inet', INET_VPC, '10.2.0.0/16', 'INTERNET'),
    { address: 'aws_subnet.mn', values: { id: MN_SUBNET, vpc_id: MN_VPC, cidr_block: '10.0.0.0/24', ipv6_cidr_block: '', tags: null }, expressions: { vpc_id: ref('aws_vpc.mn') } },
    { address: 'aws_route_table.mn', values: { id: MN_TABLE, vpc_id: MN_VPC, tags: tableTags }, expressions: { vpc_id: ref('aws_vpc.mn') } },
    {
      address: 'aws_route_table_association.mn',
      values: { id: 'rtbassoc-0a1b2c3d4e5f60718', subnet_id: MN_SUBNET, route_table_id: MN_TABLE, gateway_id: '' },
      expressions: { subnet_id: ref('aws_subnet.mn'), route_table_id: ref('aws_route_table.mn') },
    },
    { address: 'aws_internet_gateway.mn', values: { id: IGW, vpc_id: MN_VPC, tags: null }, expressions: { vpc_id: ref('aws_vpc.mn') } },
    {
      address: 'aws_route.mn_default',
      // The provider records the targets a route does not use as empty strings.
      values: { id: `r-${MN_TABLE}1080289494`, route_table_id: MN_TABLE, destination_cidr_block: '0.0.0.0/0', gateway_id: target, nat_gateway_id: '', transit_gateway_id: '' },
      expressions: { route_table_id: ref('aws_route_table.mn'), gateway_id: { constant_value: target } },
    },
    ...extra,
  ]);
}

const findings = (p: unknown) => checkTopology(extractTerraformPlan(p), { model: NetworkModel.ALPHA }).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
const OUTSIDE = /route target igw-0[0-9a-f]+ \(internet-gateway\) is not in the synthesized output \(fail closed/;

describe('a plan of an existing deployment: deployed ids name the resources of the plan', () => {
  test('a My Number default route to its VPC\'s internet gateway, named by its id, is MN-1 through that gateway (nothing outside the plan)', () => {
    const graph = extractTerraformPlan(deployed(IGW));
    // Read as the plan of a new deployment reads its references: the subnet in its VPC, associated with its table.
    expect(graph.unresolved).toEqual([]);
    expect(nodesOf(graph, 'subnet').filter((s) => !s.id.includes('#')).map((s) => [s.id, s.vpc])).toEqual([['aws_subnet.mn', { kind: 'node', id: 'aws_vpc.mn' }]]);
    expect(nodesOf(graph, 'route-table').filter((t) => !t.main).map((t) => [t.id, t.subnets])).toEqual([['aws_route_table.mn', ['aws_subnet.mn']]]);
    const f = checkTopology(graph, { model: NetworkModel.ALPHA });
    const mn1 = f.find((x) => x.ruleId === 'MN-1' && x.path === 'aws_subnet.mn');
    expect(mn1?.hops.map((h) => h.label).join(' → ')).toMatch(/0\.0\.0\.0\/0 → igw aws_internet_gateway\.mn/);
    expect(f.filter((x) => x.ruleId === 'GUARD-1' || OUTSIDE.test(x.message))).toEqual([]);
  });

  test('a route to a gateway id that is no resource of the plan stays outside it (fail closed)', () => {
    expect(findings(deployed('igw-0ffffffffffffffff'))).toContainEqual(expect.stringMatching(new RegExp(`^MN-1 aws_subnet\\.mn: .*${OUTSIDE.source}`)));
  });

  test('an id two resources of the plan share names neither: it stays outside the plan (fail closed)', () => {
    // An internet gateway imported at two addresses: the route's id could be either.
    const twin: PlannedResource = { address: 'aws_internet_gateway.twin', values: { id: IGW, vpc_id: INET_VPC, tags: null }, expressions: { vpc_id: ref('aws_vpc.inet') } };
    expect(findings(deployed(IGW, [twin]))).toContainEqual(expect.stringMatching(new RegExp(`^MN-1 aws_subnet\\.mn: .*${OUTSIDE.source}`)));
  });

  test('an id AWS made with a resource names it as the new deployment\'s plan refers to it: a firewall\'s endpoint, a VPC\'s main route table', () => {
    const VPCE = 'vpce-0a1b2c3d4e5f60718';
    const FIREWALL = 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall/f';
    const graph = extractTerraformPlan(handPlan([
      { address: 'aws_vpc.v', values: { id: INET_VPC, cidr_block: '10.2.0.0/16', default_route_table_id: 'rtb-0f0f0f0f0f0f0f0f0', tags: { [SEG]: 'INTERNET' } } },
      { address: 'aws_subnet.fw', values: { id: 'subnet-0f1e2d3c4b5a69788', vpc_id: INET_VPC, cidr_block: '10.2.0.0/24', tags: null } },
      {
        address: 'aws_networkfirewall_firewall.f',
        values: {
          id: FIREWALL,
          arn: FIREWALL,
          vpc_id: INET_VPC,
          firewall_policy_arn: `${FIREWALL}-policy`,
          subnet_mapping: [{ subnet_id: 'subnet-0f1e2d3c4b5a69788' }],
          // What AWS reports of the firewall (AWS provider 5.100: firewall_status[0].sync_states[*].attachment[0].endpoint_id).
          firewall_status: [{ sync_states: [{ availability_zone: 'ap-northeast-1a', attachment: [{ endpoint_id: VPCE, subnet_id: 'subnet-0f1e2d3c4b5a69788' }] }] }],
          tags: null,
        },
      },
      // A route added to the VPC's main route table, which AWS made with the VPC.
      { address: 'aws_route.main', values: { id: 'r-1', route_table_id: 'rtb-0f0f0f0f0f0f0f0f0', destination_cidr_block: '0.0.0.0/0', vpc_endpoint_id: VPCE, gateway_id: '' } },
    ]));
    expect(nodesOf(graph, 'route-table').map((t) => [t.id, t.routes.map((r) => [r.target, r.ref])])).toEqual([
      ['aws_vpc.v#main-route-table', [['firewall-endpoint', { kind: 'node', id: 'aws_networkfirewall_firewall.f' }]]],
    ]);
  });

  test('an `arn` that is an argument (an EventBridge target\'s target) is not its resource\'s: another resource\'s equal ARN stays a literal', () => {
    const ELSEWHERE = 'arn:aws:lambda:ap-northeast-1:123456789012:function:elsewhere';
    const graph = extractTerraformPlan(handPlan([
      { address: 'aws_cloudwatch_event_target.t', values: { id: 'r-t', rule: 'r', arn: ELSEWHERE } },
      { address: 'aws_pipes_pipe.p', values: { id: 'p', role_arn: 'arn:aws:iam::123456789012:role/r', source: 'arn:aws:sqs:ap-northeast-1:123456789012:q', target: ELSEWHERE } },
    ]));
    // Both start a function outside the plan (fail closed), the pipe's not read as "the event target".
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}`).sort()).toEqual(['aws_cloudwatch_event_target.t arn', 'aws_pipes_pipe.p target']);
  });

  test('a schedule whose target is a function of the plan (its ARN, known or after apply) starts that function: no unreadable API call', () => {
    const FN = 'arn:aws:lambda:ap-northeast-1:123456789012:function:f';
    const role: PlannedResource = {
      address: 'aws_iam_role.r',
      values: { id: 'r', name: 'r', arn: 'arn:aws:iam::123456789012:role/r', assume_role_policy: '{"Version":"2012-10-17","Statement":[]}', inline_policy: [] },
    };
    const fn = (known: boolean): PlannedResource => ({
      address: 'aws_lambda_function.f',
      values: { function_name: 'f', role: 'arn:aws:iam::123456789012:role/r', ...(known ? { id: 'f', arn: FN } : {}) },
      unknown: known ? {} : { arn: true, id: true },
    });
    const schedule = (known: boolean): PlannedResource => ({
      address: 'aws_scheduler_schedule.s',
      values: { schedule_expression: 'rate(1 hour)', flexible_time_window: [{ mode: 'OFF' }], target: [{ ...(known ? { arn: FN } : {}), role_arn: 'arn:aws:iam::123456789012:role/r' }] },
      unknown: known ? {} : { target: [{ arn: true }] },
      expressions: known ? {} : { target: [{ arn: ref('aws_lambda_function.f', 'arn') }] },
    });
    for (const known of [true, false]) {
      expect([known, extractTerraformPlan(handPlan([role, fn(known), schedule(known)])).unresolved.map((u) => `${u.node} ${u.property}`)]).toEqual([known, []]);
    }
  });

  test('a label that spells an id is text: tags are never read as references', () => {
    const graph = extractTerraformPlan(deployed(IGW, [], { Name: MN_VPC, [SEG]: 'MY_NUMBER' }));
    expect(nodesOf(graph, 'route-table').find((t) => t.id === 'aws_route_table.mn')?.tags).toEqual({ Name: MN_VPC, [SEG]: 'MY_NUMBER' });
  });

  test('an empty string the configuration writes is read as written; one it does not write is AWS\'s unset value', () => {
    // Written: ipv6_cidr_block = "" is an address block the guard cannot read (GUARD-1), as in a new deployment's plan.
    const written: PlannedResource = {
      address: 'aws_vpc.other',
      values: { id: 'vpc-0123456789abcdef0', cidr_block: '10.5.0.0/16', ipv6_cidr_block: '', tags: { [SEG]: 'LGWAN' } },
      expressions: { cidr_block: { constant_value: '10.5.0.0/16' }, ipv6_cidr_block: { constant_value: '' } },
    };
    expect(findings(deployed(IGW, [written])).filter((x) => x.startsWith('GUARD-1')))
      .toEqual(['GUARD-1 aws_vpc.other: ipv6_cidr_block could not be resolved: "" is not an address block the guard can read']);
  });
});
