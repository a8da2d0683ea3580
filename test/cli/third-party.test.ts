/**
 * A CloudFormation template nobody wrote for this library (test/fixtures/third-party/closed-network-workload.template.json):
 * a hand-written closed-network workload with a shared network VPC (10.10.0.0/16, centralised interface endpoints), an
 * application VPC (10.20.0.0/16, an S3 interface endpoint and an application server), a transit gateway left at AWS's
 * defaults (DefaultRouteTableAssociation / DefaultRouteTablePropagation enable: both attachments in one default table that
 * both VPCs propagate into), security groups whose CIDRs come from SSM parameters, and no jichitai: tags.
 *
 * The expected findings are worked out from the rules (REQUIREMENTS.md §3, docs/rules.md) and the topology, not copied
 * from the output:
 * - App subnets route 0.0.0.0/0 to the gateway; the default table holds both VPCs' propagated blocks; the network VPC
 *   routes 10.20.0.0/16 back. So every subnet of each VPC reaches the other VPC's subnets (8 source subnets).
 * - Neither VPC has an internet gateway or NAT: nothing reaches the internet (no MN-1, MN-4, LG-1, IN-1).
 * - SEG-1 flags the gateway's default association/propagation, whatever the segments.
 * - GUARD-1 (fail closed): the three security-group rules whose CidrIp is `{ Ref: <SSM parameter> }` (known at deploy time).
 * - LOG-1: neither VPC has a flow log. MN-5: the application VPC's S3 endpoint has no policy (AWS's default allows all),
 *   when that VPC is My Number. IN-2: an Internet-segment VPC with no resolver rule to the security cloud.
 * - Neither VPC turns DNS support off, has a DNS Firewall or forwards "." anywhere: the Amazon-provided resolver answers
 *   internet names for a closed segment's hosts (a channel out in query names), MN-1 at a My Number VPC and LG-1 (model α)
 *   at an LGWAN one.
 * - LG-4: the network VPC's five interface endpoints (and the application VPC's S3 one) have no policy (AWS's default allows
 *   any account's resources), when that VPC is LGWAN.
 */
import * as path from 'path';
import { cli } from './support';

const DIR = path.resolve(__dirname, '..', 'fixtures', 'third-party');
const TEMPLATE = path.join(DIR, 'closed-network-workload.template.json');
const APP_SUBNETS = ['AppSubnetA', 'AppSubnetC', 'AppTgwSubnetA', 'AppTgwSubnetC'];
const NETWORK_SUBNETS = ['NetworkEndpointSubnetA', 'NetworkEndpointSubnetC', 'NetworkTgwSubnetA', 'NetworkTgwSubnetC'];
const SSM_RULES = [['GUARD-1', 'AppServerSecurityGroup'], ['GUARD-1', 'AppServerSecurityGroup'], ['GUARD-1', 'EndpointSecurityGroup']];
const NETWORK_ENDPOINTS = ['Ec2MessagesInterfaceEndpoint', 'KmsInterfaceEndpoint', 'LogsInterfaceEndpoint', 'SsmInterfaceEndpoint', 'SsmMessagesInterfaceEndpoint'];

interface Reported { ruleId: string; path: string; message: string; hops: { node: string }[] }

async function verdict(...flags: string[]): Promise<{ code: number; violations: Reported[]; acknowledged: Reported[]; stderr: string }> {
  const r = await cli('check', TEMPLATE, '--model', 'α', '--format', 'json', ...flags);
  const report = r.stdout ? JSON.parse(r.stdout)[0] : { violations: [], acknowledged: [] };
  return { code: r.code, violations: report.violations, acknowledged: report.acknowledged, stderr: r.stderr };
}

const pairs = (fs: readonly Reported[]) => fs.map((f) => [f.ruleId, f.path]).sort((a, b) => `${a}`.localeCompare(`${b}`));
const sorted = (xs: string[][]) => [...xs].sort((a, b) => `${a}`.localeCompare(`${b}`));

test('untagged, unmapped: the guard cannot tell the segments, so the input is unusable (2), not a pass', async () => {
  const r = await verdict();
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('no VPC or subnet has a segment');
});

test('app VPC = MY_NUMBER, shared VPC = INTERNET (mapping.json): the default transit gateway table joins them (MN-2), exit 1', async () => {
  const r = await verdict('--mapping', path.join(DIR, 'mapping.json'));
  expect(r.code).toBe(1);
  expect(pairs(r.violations)).toEqual(sorted([
    ...SSM_RULES,
    ...[...APP_SUBNETS, ...NETWORK_SUBNETS].map((s) => ['MN-2', s]),
    ['MN-1', 'AppVpc'],
    ['IN-2', 'NetworkVpc'],
    ['LOG-1', 'AppVpc'], ['LOG-1', 'NetworkVpc'],
    ['MN-5', 'AppS3InterfaceEndpoint'],
    ['SEG-1', 'TransitGateway'],
  ]));
  // Each MN-2 path goes through the transit gateway and its default route table.
  for (const f of r.violations.filter((x) => x.ruleId === 'MN-2')) {
    expect(f.hops.map((h) => h.node)).toEqual(expect.arrayContaining(['TransitGateway', 'TransitGateway#default-route-table']));
  }
  // The parameters from SSM are named: the guard fails closed on them rather than guess.
  expect(r.violations.filter((f) => f.ruleId === 'GUARD-1').map((f) => f.message).join('\n')).toMatch(/OnPremisesCidr[^]*OperatorCidr|OperatorCidr[^]*OnPremisesCidr/);
  // ... and said to be SSM parameters, known only at deploy time.
  expect(r.violations.filter((f) => f.ruleId === 'GUARD-1').map((f) => f.message).join('\n')).toMatch(/\(an SSM parameter\), known only at deploy time/);
});

test('app VPC = MY_NUMBER, shared VPC = LGWAN (flags): whole subnets both ways and wide security groups (MN-3)', async () => {
  const r = await verdict('--segment', 'MY_NUMBER=id:AppVpc', '--segment', 'LGWAN=cidr:10.10.0.0/16');
  expect(r.code).toBe(1);
  expect(pairs(r.violations)).toEqual(sorted([
    ...SSM_RULES,
    ...[...APP_SUBNETS, ...NETWORK_SUBNETS].map((s) => ['MN-3', s]),
    // Egress to 10.10.0.0/16 (tcp 443) covers whole LGWAN subnets; ingress from 10.20.0.0/16 covers whole My Number subnets.
    ['MN-3', 'AppServerSecurityGroup'], ['MN-3', 'EndpointSecurityGroup'],
    // No SecurityGroupEgress: AWS gives the group its default allow-all outbound rule (EC2 User Guide, "Default security group rules").
    ['MN-3', 'AppEndpointSecurityGroup'],
    ['MN-1', 'AppVpc'], ['LG-1', 'NetworkVpc'],
    ...NETWORK_ENDPOINTS.map((e) => ['LG-4', e]),
    ['LOG-1', 'AppVpc'], ['LOG-1', 'NetworkVpc'],
    ['MN-5', 'AppS3InterfaceEndpoint'],
    ['SEG-1', 'TransitGateway'],
  ]));
});

test('both VPCs in LGWAN (mapping-lgwan.json): no segment boundary is crossed; the shared default table, the SSM CIDRs and the missing flow logs remain', async () => {
  const r = await verdict('--mapping', path.join(DIR, 'mapping-lgwan.json'));
  expect(r.code).toBe(1);
  expect(pairs(r.violations)).toEqual(sorted([...SSM_RULES, ['LG-1', 'AppVpc'], ['LG-1', 'NetworkVpc'], ...[...NETWORK_ENDPOINTS, 'AppS3InterfaceEndpoint'].map((e) => ['LG-4', e]),
    ['LOG-1', 'AppVpc'], ['LOG-1', 'NetworkVpc'], ['SEG-1', 'TransitGateway']]));
});

test('the segment mapping and acknowledgements in one file: LOG-1 acknowledged with a reason, the critical ones stay', async () => {
  const r = await verdict('--mapping', path.join(DIR, 'mapping-lgwan-acknowledged.json'));
  expect(r.code).toBe(1);
  expect(pairs(r.acknowledged)).toEqual([['LOG-1', 'AppVpc'], ['LOG-1', 'NetworkVpc']]);
  expect(pairs(r.violations)).toEqual(sorted([...SSM_RULES, ['LG-1', 'AppVpc'], ['LG-1', 'NetworkVpc'], ...[...NETWORK_ENDPOINTS, 'AppS3InterfaceEndpoint'].map((e) => ['LG-4', e]),
    ['SEG-1', 'TransitGateway']]));
});
