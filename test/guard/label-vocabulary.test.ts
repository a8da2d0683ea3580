/**
 * The label vocabulary (docs/guard-semantics.md §3, src/model/labels.ts). A label the guard did not know was read as
 * absent or as an unknown value, and the rules that judge labels passed over the resource: a My Number system labelled
 * `jichitai:role = MY_NUMBER_SYTEM` (or `jichitai:rol = MY_NUMBER_SYSTEM`) in an LGWAN subnet passed PL-1; a subnet
 * labelled `jichitai:segment = MY_NUMBR` (or `jichitai:segmnet = MY_NUMBER`) in an LGWAN VPC took its VPC's segment, and
 * SEG-1 never saw the mismatch. Now a key of the `jichitai:` namespace the guard does not know, and a value an
 * enumerated key does not take, are unresolved (GUARD-1) at the resource, naming the key, the value and what is valid;
 * in both engines and in plans. Free-text keys (host, municipality...) take any value; tags outside the namespace are
 * not labels.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { LABEL_VOCABULARY } from '../../src/model/labels';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

/** GUARD-1, PL-1 and SEG-1 findings, `rule path: message`. */
function verdicts(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA })
    .filter((f) => ['GUARD-1', 'PL-1', 'SEG-1'].includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.path}: ${f.message}`).sort();
}

/** The two segments and an instance in the LGWAN subnet with `tags`; `subnetTags` on the LGWAN subnet. */
function cfn(tags: unknown[], subnetTags: unknown[] = []): Record<string, any> {
  const two = myNumberAndLgwan() as Record<string, any>;
  return {
    Resources: {
      ...two,
      LgSub: { ...two.LgSub, Properties: { ...two.LgSub.Properties, Tags: subnetTags } },
      Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'LgSub' }, Tags: tags } },
    },
  };
}

function tf(tags: Record<string, string>, subnetTags: Record<string, string> = {}, extra: Record<string, unknown> = {}): TerraformJson {
  const two = myNumberAndLgwanTf();
  return {
    resource: {
      aws_vpc: two.aws_vpc,
      aws_subnet: { ...two.aws_subnet, lg: { ...two.aws_subnet.lg as object, tags: subnetTags } },
      aws_instance: { host: { ami: 'ami-12345678', subnet_id: '${aws_subnet.lg.id}', tags } },
      ...extra,
    },
  } as TerraformJson;
}

/** The same in a plan (ids known only after apply). */
function plan(tags: Record<string, string>, subnetTags: Record<string, string> = {}): unknown {
  const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
    address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { 'jichitai:segment': segment }, tags_all: { 'jichitai:segment': segment } }, unknown: { id: true },
  });
  const subnet = (name: string, cidr: string, t: Record<string, string>): PlannedResource => ({
    address: `aws_subnet.${name}`,
    values: { cidr_block: cidr, tags: t, tags_all: t },
    unknown: { id: true, vpc_id: true },
    expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
  });
  return handPlan([
    vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'), subnet('mn', '10.0.0.0/24', {}), subnet('lg', '10.1.0.0/24', subnetTags),
    {
      address: 'aws_instance.host',
      values: { ami: 'ami-12345678', tags, tags_all: tags },
      unknown: { id: true, subnet_id: true },
      expressions: { subnet_id: { references: ['aws_subnet.lg.id', 'aws_subnet.lg'] } },
    },
  ]);
}

const PL1 = /^PL-1 .*a My Number system .* in LGWAN接続系/;

/** The gaps: each forbidden topology, hidden by a misspelt label, in the three readers. */
const GAPS: readonly { name: string; host: Record<string, string>; subnet?: Record<string, string>; guard1: RegExp; then?: RegExp }[] = [
  {
    name: 'a My Number system in an LGWAN subnet, its role value misspelt',
    host: { 'jichitai:role': 'MY_NUMBER_SYTEM' },
    guard1: /\(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM" is not a value of the label jichitai:role: .*/,
    then: PL1,
  },
  {
    name: 'a My Number system in an LGWAN subnet, its role key misspelt',
    host: { 'jichitai:rol': 'MY_NUMBER_SYSTEM' },
    guard1: /\(jichitai:rol\) could not be resolved: jichitai:rol is not a label key the guard knows/,
  },
  {
    name: 'a My Number system in an LGWAN subnet, its role key in another case',
    host: { 'Jichitai:Role': 'MY_NUMBER_SYSTEM' },
    guard1: /\(Jichitai:Role\) could not be resolved: Jichitai:Role is not a label key the guard knows/,
  },
  {
    name: 'a subnet labelled My Number in an LGWAN VPC, its segment value misspelt',
    host: {},
    subnet: { 'jichitai:segment': 'MY_NUMBR' },
    guard1: /\(jichitai:segment\) could not be resolved: "MY_NUMBR" is not a value of the label jichitai:segment/,
  },
  {
    name: 'a subnet labelled My Number in an LGWAN VPC, its segment key misspelt',
    host: {},
    subnet: { 'jichitai:segmnet': 'MY_NUMBER' },
    guard1: /\(jichitai:segmnet\) could not be resolved: jichitai:segmnet is not a label key the guard knows/,
  },
];

describe('a misspelt label is unresolved (GUARD-1) at the resource, naming key and value', () => {
  const cfnTags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

  test.each(GAPS)('CloudFormation: $name', ({ host, subnet, guard1 }) => {
    const found = verdicts(extractCloudFormation({ s: cfn(cfnTags(host), cfnTags(subnet ?? {})) }));
    expect(found.filter((f) => f.startsWith('GUARD-1 ') && guard1.test(f))).toHaveLength(1);
    expect(found.filter((f) => f.startsWith('GUARD-1 ')).every((f) => / (Host|LgSub): Tags \(/.test(f))).toBe(true);
  });

  test.each(GAPS)('Terraform: $name', ({ host, subnet, guard1 }) => {
    const found = verdicts(extractTerraform({ s: tf(host, subnet) }));
    expect(found.filter((f) => f.startsWith('GUARD-1 ') && guard1.test(f))).toHaveLength(1);
    expect(found.filter((f) => f.startsWith('GUARD-1 ')).every((f) => / aws_(instance\.host|subnet\.lg): tags \(/.test(f))).toBe(true);
  });

  test.each(GAPS)('Terraform plan: $name', ({ host, subnet, guard1 }) => {
    const found = verdicts(extractTerraformPlan(plan(host, subnet)));
    expect(found.filter((f) => f.startsWith('GUARD-1 ') && guard1.test(f))).toHaveLength(1);
  });

  test('the fix lists the valid values of the key, or the keys of the vocabulary', () => {
    const [value] = checkTopology(extractCloudFormation({ s: cfn(cfnTags({ 'jichitai:role': 'MY_NUMBER_SYTEM' })) }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1');
    expect(value.fix).toBe('give jichitai:role one of its values: BUSINESS_TERMINALS, BUSINESS_SYSTEM, MY_NUMBER_SYSTEM, SANITIZATION_RELAY, SCREEN_TRANSFER_SERVER, OTHER');
    const [key] = checkTopology(extractTerraform({ s: tf({ 'jichitai:rol': 'MY_NUMBER_SYSTEM' }) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(key.fix).toBe(`use one of the label keys ${[...LABEL_VOCABULARY.keys()].join(', ')}, or remove the tag`);
    expect(key.fix).toMatch(/jichitai:segment, jichitai:role, jichitai:host, jichitai:zone, jichitai:subnet-role, jichitai:security-cloud, jichitai:hub-function/);
  });

  test('in Japanese, with no English sentence left', () => {
    for (const graph of [extractCloudFormation({ s: cfn(cfnTags({ 'jichitai:role': 'MY_NUMBER_SYTEM', 'jichitai:rol': 'x' })) })]) {
      const found = checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
      expect(found).toHaveLength(2);
      for (const f of found) {
        expect(notJapanese(f.ja?.message ?? '')).toBeUndefined();
        expect(notJapanese(f.ja?.fix ?? '')).toBeUndefined();
      }
    }
  });
});

describe('the other enumerated keys', () => {
  test.each([
    ['jichitai:zone', 'LGWAN-WAN'],
    ['jichitai:subnet-role', 'terminal'],
    ['jichitai:hub-function', 'proxi'],
    ['jichitai:security-cloud', 'HUB'],
    ['jichitai:subnet-tier', 'service'],
    ['jichitai:model', 'alpha'],
    ['jichitai:segment', 'lgwan'],
  ])('%s = %s is unresolved (both engines)', (key, value) => {
    const message = new RegExp(`\\(${key}\\) could not be resolved: "${value}" is not a value of the label ${key}`);
    expect(verdicts(extractCloudFormation({ s: cfn([{ Key: key, Value: value }]) })).filter((f) => message.test(f))).toHaveLength(1);
    expect(verdicts(extractTerraform({ s: tf({ [key]: value }) })).filter((f) => message.test(f))).toHaveLength(1);
  });

  test('a VPN connection whose zone label is misspelt is named by its label, in both engines', () => {
    const vpnCfn = {
      Resources: {
        ...myNumberAndLgwan(),
        Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { BgpAsn: 65000, IpAddress: '203.0.113.1', Type: 'ipsec.1' } },
        Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
        Vpn: {
          Type: 'AWS::EC2::VPNConnection',
          Properties: { CustomerGatewayId: { Ref: 'Cgw' }, TransitGatewayId: { Ref: 'Tgw' }, Type: 'ipsec.1', Tags: [{ Key: 'jichitai:zone', Value: 'LGWAN-WAN' }] },
        },
      },
    };
    expect(verdicts(extractCloudFormation({ s: vpnCfn })).filter((f) => /^GUARD-1 Vpn: Tags \(jichitai:zone\) could not be resolved: "LGWAN-WAN"/.test(f))).toHaveLength(1);
    const vpnTf = tf({}, {}, {
      aws_customer_gateway: { cgw: { bgp_asn: '65000', ip_address: '203.0.113.1', type: 'ipsec.1' } },
      aws_ec2_transit_gateway: { tgw: {} },
      aws_vpn_connection: {
        vpn: { customer_gateway_id: '${aws_customer_gateway.cgw.id}', transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', type: 'ipsec.1', tags: { 'jichitai:zone': 'LGWAN-WAN' } },
      },
    });
    expect(verdicts(extractTerraform({ s: vpnTf })).filter((f) => /^GUARD-1 aws_vpn_connection\.vpn: tags \(jichitai:zone\) could not be resolved: "LGWAN-WAN"/.test(f)))
      .toHaveLength(1);
  });
});

describe('wherever the label comes from', () => {
  test('a CloudFormation stack\'s own tags: at each resource of the stack', () => {
    const graph = extractCloudFormation({ s: cfn([]) }, {}, {}, { s: [{ Key: 'jichitai:role', Value: 'MY_NUMBER_SYTEM' }] });
    const found = verdicts(graph).filter((f) => /Tags \(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM"/.test(f));
    expect(found.some((f) => f.startsWith('GUARD-1 Host:'))).toBe(true);
  });

  test('a Terraform provider\'s default_tags and a tag resource (aws_ec2_tag): at the resource labelled', () => {
    const config = tf({}, {}, { aws_ec2_tag: { role: { resource_id: '${aws_instance.host.id}', key: 'jichitai:role', value: 'MY_NUMBER_SYTEM' } } });
    expect(verdicts(extractTerraform({ s: config })).filter((f) => /^GUARD-1 aws_instance\.host: tags \(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM"/.test(f)))
      .toHaveLength(1);
    const defaults = { ...tf({}), provider: { aws: [{ default_tags: { tags: { 'jichitai:rol': 'OTHER' } } }] } } as TerraformJson;
    expect(verdicts(extractTerraform({ s: defaults })).filter((f) => /^GUARD-1 aws_instance\.host: tags \(jichitai:rol\) could not be resolved/.test(f))).toHaveLength(1);
  });
});

describe('once, and in any case', () => {
  test('a VPC\'s unknown segment value is one GUARD-1, at the VPC (not also GUARD-1\'s unlabelled VPC)', () => {
    const two = myNumberAndLgwan() as Record<string, any>;
    const template = { Resources: { ...two, LgVpc: { ...two.LgVpc, Properties: { ...two.LgVpc.Properties, Tags: [{ Key: 'jichitai:segment', Value: 'lgwan' }] } } } };
    expect(verdicts(extractCloudFormation({ s: template })).filter((f) => f.startsWith('GUARD-1 LgVpc:'))).toEqual([
      expect.stringMatching(/^GUARD-1 LgVpc: Tags \(jichitai:segment\) could not be resolved: "lgwan" is not a value of the label jichitai:segment/),
    ]);
  });

  test('a key of the namespace in another case whose value cannot be read is unresolved, as a jichitai: key\'s', () => {
    const found = verdicts(extractCloudFormation({ s: { Parameters: { Role: { Type: 'String' } }, ...cfn([{ Key: 'Jichitai:Role', Value: { Ref: 'Role' } }]) } }));
    expect(found.filter((f) => /^GUARD-1 Host: /.test(f))).toHaveLength(1);
    const config = { variable: { role: { type: 'string' } }, ...tf({ 'Jichitai:Role': '${var.role}' }) } as TerraformJson;
    expect(verdicts(extractTerraform({ s: config })).filter((f) => /^GUARD-1 aws_instance\.host: /.test(f))).toHaveLength(1);
  });

  test('a tag resource setting a key of the namespace in another case: at its target', () => {
    const config = tf({}, {}, { aws_ec2_tag: { role: { resource_id: '${aws_instance.host.id}', key: 'JICHITAI:ROLE', value: 'MY_NUMBER_SYSTEM' } } });
    expect(verdicts(extractTerraform({ s: config })).filter((f) => /^GUARD-1 aws_instance\.host: tags \(JICHITAI:ROLE\) could not be resolved/.test(f))).toHaveLength(1);
  });
});

describe('the vocabulary is the library\'s', () => {
  /** Every `jichitai:<key>` written in a quoted string or template of the library's sources. */
  function keysInSources(dir: string): Set<string> {
    const out = new Set<string>();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) keysInSources(file).forEach((k) => out.add(k));
      else if (entry.name.endsWith('.ts')) for (const m of fs.readFileSync(file, 'utf8').matchAll(/['`"](jichitai:[a-z][a-z-]*)/g)) out.add(m[1]);
    }
    return out;
  }

  test('every key the library writes or reads is in it (and nothing else)', () => {
    const keys = [...keysInSources(path.join(__dirname, '../../src'))].sort();
    expect(keys).toEqual([...LABEL_VOCABULARY.keys()].sort());
  });
});

describe('controls', () => {
  test('every key of the vocabulary with a valid value, free text where it is, and tags outside the namespace: no GUARD-1', () => {
    const valid = Object.fromEntries([...LABEL_VOCABULARY].map(([key, values]) => [key, values?.[0] ?? 'any text, 何でも']));
    expect(valid['jichitai:role']).toBe('BUSINESS_TERMINALS');
    const others = { 'Name': 'host', 'jichitai': 'x', 'other:role': 'x', 'jichitai-role': 'x', 'aws:cloudformation:stack-name': 's' };
    // BUSINESS_TERMINALS in the LGWAN subnet is α's placement; the subnet's own segment is its VPC's.
    const tags = { ...valid, ...others, 'jichitai:segment': 'LGWAN' };
    expect(verdicts(extractCloudFormation({ s: cfn(Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))) }))).toEqual([]);
    expect(verdicts(extractTerraform({ s: tf(tags) }))).toEqual([]);
    expect(verdicts(extractTerraformPlan(plan(tags)))).toEqual([]);
  });

  test('a correct role is judged by PL-1, and a correct subnet segment by SEG-1', () => {
    expect(verdicts(extractTerraform({ s: tf({ 'jichitai:role': 'MY_NUMBER_SYSTEM' }) }))).toEqual([expect.stringMatching(PL1)]);
    expect(verdicts(extractTerraform({ s: tf({}, { 'jichitai:segment': 'MY_NUMBER' }) }))).toEqual([
      'SEG-1 aws_subnet.lg: the subnet is labelled MY_NUMBER but its VPC is LGWAN',
    ]);
  });
});
