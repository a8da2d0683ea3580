/**
 * The Terraform plan reader (extractTerraformPlan) on small plans written by hand in the shapes `terraform show -json`
 * (format 1.2, Terraform 1.11) gives: planned values without the values known after apply, `after_unknown` marking
 * them, and the configuration's references they are resolved through.
 */
import { checkTopology } from '../../src/guard/check';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan, isTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { nodesOf, TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { endpointPolicyProblem } from '../../src/guard/rules/endpoints';
import { NetworkModel } from '../../src/model/network-model';
import { notJapanese } from '../support/japanese';

/** One planned resource: its known values, which of its values are known only after apply, and its configuration. */
interface R {
  readonly address: string;
  readonly values: Record<string, unknown>;
  readonly unknown?: Record<string, unknown>;
  readonly expressions?: Record<string, unknown>;
  readonly count?: boolean;
  readonly provider?: string;
}

const ref = (...references: string[]) => ({ references });
const constant = (constant_value: unknown) => ({ constant_value });

/** `aws_subnet.this[0]` → type, name, index. */
function parts(address: string): { type: string; name: string; index?: number | string } {
  const local = address.replace(/^(module\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.)+/, '');
  const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|"[^"]*")\])?$/.exec(local)!;
  return { type: m[1], name: m[2], index: m[3] === undefined ? undefined : m[3].startsWith('"') ? JSON.parse(m[3]) : Number(m[3]) };
}

/**
 * A plan of `root` resources and of modules (`module.<name>` → its resources, outputs and the call's variables). Config
 * resources are derived from the planned ones (one per name).
 */
interface M {
  readonly resources: R[];
  readonly outputs?: Record<string, unknown>;
  readonly variables?: Record<string, unknown>;
  readonly count?: boolean;
}

function plan(root: R[], modules: Record<string, M> = {},
  providers: Record<string, unknown> = { aws: { name: 'aws', expressions: { region: constant('ap-northeast-1') } } }): unknown {
  const planned = (rs: R[]) => rs.map((r) => ({ address: r.address, mode: 'managed', ...parts(r.address), provider_name: 'registry.terraform.io/hashicorp/aws', values: r.values }));
  const config = (rs: R[]) => {
    const byName = new Map<string, unknown>();
    for (const r of rs) {
      const { type, name } = parts(r.address);
      byName.set(`${type}.${name}`, {
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        provider_config_key: r.provider ?? 'aws',
        expressions: r.expressions ?? {},
        ...(r.count ? { count_expression: constant(2) } : {}),
      });
    }
    return [...byName.values()];
  };
  const all = [...root, ...Object.values(modules).flatMap((m) => m.resources)];
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        resources: planned(root),
        child_modules: Object.entries(modules).map(([name, m]) => ({ address: `module.${name}`, resources: planned(m.resources) })),
      },
    },
    resource_changes: all.map((r) => ({ address: r.address, mode: 'managed', ...parts(r.address), change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown ?? {} } })),
    configuration: {
      provider_config: providers,
      root_module: {
        resources: config(root),
        module_calls: Object.fromEntries(Object.entries(modules).map(([name, m]) => [name, {
          source: `./modules/${name}`,
          expressions: m.variables ?? {},
          ...(m.count ? { count_expression: constant(1) } : {}),
          module: {
            resources: config(m.resources),
            outputs: Object.fromEntries(Object.entries(m.outputs ?? {}).map(([k, e]) => [k, { expression: e }])),
          },
        }])),
      },
    },
  };
}

const SEGMENT = 'jichitai:segment';
/** A VPC; `tagsAll` null: known only after apply (a resource without tags of its own). */
const vpc = (address: string, cidr: string, tagsAll: Record<string, string> | null = { [SEGMENT]: 'MY_NUMBER' }): R => ({
  address,
  values: { cidr_block: cidr, tags: null, ...(tagsAll ? { tags_all: tagsAll } : {}) },
  unknown: { id: true, arn: true, default_route_table_id: true, main_route_table_id: true, ...(tagsAll ? {} : { tags_all: true }) },
});
const subnet = (address: string, cidr: string, vpcRef: string[]): R => ({
  address,
  values: { cidr_block: cidr, ipv6_cidr_block: null, map_public_ip_on_launch: false, availability_zone: 'ap-northeast-1a', tags: null },
  unknown: { id: true, arn: true, vpc_id: true, tags_all: true },
  expressions: { cidr_block: constant(cidr), vpc_id: ref(...vpcRef) },
});

const node = (g: TopologyGraph, id: string) => g.nodes.get(id);

describe('extractTerraformPlan', () => {
  test('resolves values known after apply through the configuration\'s references, with the Terraform addresses as node ids', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.main', '10.0.0.0/16'),
      subnet('aws_subnet.a', '10.0.0.0/24', ['aws_vpc.main.id', 'aws_vpc.main']),
      {
        address: 'aws_route_table.a',
        values: { route: [{ cidr_block: '10.9.0.0/16', gateway_id: '', nat_gateway_id: '', transit_gateway_id: 'tgw-0123456789abcdef0' }], tags: null },
        unknown: { id: true, vpc_id: true, route: [{}] },
        expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main'), route: constant([{ cidr_block: '10.9.0.0/16', transit_gateway_id: 'tgw-0123456789abcdef0' }]) },
      },
      {
        address: 'aws_route_table_association.a',
        values: { gateway_id: null },
        unknown: { id: true, route_table_id: true, subnet_id: true },
        expressions: { route_table_id: ref('aws_route_table.a.id', 'aws_route_table.a'), subnet_id: ref('aws_subnet.a.id', 'aws_subnet.a') },
      },
    ]));
    expect(g.unresolved).toEqual([]);
    expect(node(g, 'aws_subnet.a')).toMatchObject({ type: 'subnet', vpc: { kind: 'node', id: 'aws_vpc.main' }, cidr: '10.0.0.0/24', ipv6FromVpc: false });
    expect(node(g, 'aws_route_table.a')).toMatchObject({
      type: 'route-table',
      subnets: ['aws_subnet.a'],
      routes: [{ destination: '10.9.0.0/16', target: 'transit-gateway', ref: { kind: 'external', value: 'tgw-0123456789abcdef0' } }],
    });
  });

  test('reads child modules: module-relative references, module outputs, input variables and count indices', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.shared', '10.1.0.0/16', { [SEGMENT]: 'LGWAN' }),
      {
        address: 'aws_internet_gateway.igw',
        values: { tags: null },
        unknown: { id: true, vpc_id: true },
        expressions: { vpc_id: ref('module.net.vpc_id', 'module.net') },
      },
    ], {
      net: {
        variables: { shared_vpc_id: ref('aws_vpc.shared.id', 'aws_vpc.shared') },
        outputs: { vpc_id: ref('aws_vpc.this.id', 'aws_vpc.this') },
        resources: [
          vpc('module.net.aws_vpc.this', '10.0.0.0/16'),
          { ...subnet('module.net.aws_subnet.this[0]', '10.0.0.0/24', ['aws_vpc.this.id', 'aws_vpc.this']), count: true },
          { ...subnet('module.net.aws_subnet.this[1]', '10.0.1.0/24', ['aws_vpc.this.id', 'aws_vpc.this']), count: true },
          // In the shared VPC, named by the module's input variable.
          subnet('module.net.aws_subnet.shared', '10.1.0.0/24', ['var.shared_vpc_id']),
          {
            address: 'module.net.aws_nat_gateway.nat',
            values: { connectivity_type: 'private' },
            unknown: { id: true, subnet_id: true },
            expressions: { subnet_id: ref('aws_subnet.this[1].id', 'aws_subnet.this[1]', 'aws_subnet.this') },
          },
        ],
      },
    }));
    expect(g.unresolved).toEqual([]);
    expect(node(g, 'module.net.aws_subnet.this[0]')).toMatchObject({ vpc: { kind: 'node', id: 'module.net.aws_vpc.this' }, segment: undefined });
    expect(node(g, 'module.net.aws_subnet.shared')).toMatchObject({ vpc: { kind: 'node', id: 'aws_vpc.shared' } });
    expect(node(g, 'module.net.aws_nat_gateway.nat')).toMatchObject({ subnet: { kind: 'node', id: 'module.net.aws_subnet.this[1]' }, public: false });
    expect(node(g, 'aws_internet_gateway.igw')).toMatchObject({ vpcs: [{ kind: 'node', id: 'module.net.aws_vpc.this' }] });
  });

  test('labels segments with tags_all (provider default_tags), else tags over the provider configuration\'s default_tags', () => {
    const providers = {
      'aws': { name: 'aws' },
      'aws.internet': { name: 'aws', alias: 'internet', expressions: { default_tags: [{ tags: constant({ [SEGMENT]: 'INTERNET' }) }] } },
    };
    const g = extractTerraformPlan(plan([
      // tags_all known: the provider merged its default tags in.
      vpc('aws_vpc.a', '10.0.0.0/16', { [SEGMENT]: 'LGWAN', Name: 'a' }),
      // tags_all known only after apply: the resource's provider's default tags.
      { ...vpc('aws_vpc.b', '10.1.0.0/16', null), provider: 'aws.internet' },
      // A resource's own tag wins over the default.
      { ...vpc('aws_vpc.c', '10.2.0.0/16', null), values: { cidr_block: '10.2.0.0/16', tags: { [SEGMENT]: 'MY_NUMBER' } }, provider: 'aws.internet' },
    ], {}, providers));
    expect(nodesOf(g, 'vpc').map((v) => [v.id, v.segment])).toEqual([['aws_vpc.a', 'LGWAN'], ['aws_vpc.b', 'INTERNET'], ['aws_vpc.c', 'MY_NUMBER']]);
  });

  test('a reference it cannot pin to one resource instance is unresolved with a reason, never dropped (fail closed)', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.main', '10.0.0.0/16'),
      { ...subnet('aws_subnet.this[0]', '10.0.0.0/24', ['aws_vpc.main.id', 'aws_vpc.main']), count: true },
      { ...subnet('aws_subnet.this[1]', '10.0.1.0/24', ['aws_vpc.main.id', 'aws_vpc.main']), count: true },
      {
        address: 'aws_route_table.rt',
        values: { tags: null },
        unknown: { id: true, vpc_id: true },
        expressions: { vpc_id: ref('data.aws_vpc.existing.id', 'data.aws_vpc.existing') },
      },
      ...[0, 1].map((i) => ({
        address: `aws_nat_gateway.nat[${i}]`,
        values: { connectivity_type: 'private' },
        unknown: { id: true, subnet_id: true },
        // aws_subnet.this[count.index]: Terraform records the resource and count.index, not which instance.
        expressions: { subnet_id: ref('aws_subnet.this', 'count.index') },
        count: true,
      })),
    ]));
    const reasons = g.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`);
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/^aws_route_table\.rt vpc_id: .*data\.aws_vpc\.existing\.id is a data source/),
      expect.stringMatching(/^aws_nat_gateway\.nat\[0\] subnet_id: .*count/),
      expect.stringMatching(/^aws_nat_gateway\.nat\[1\] subnet_id: .*count/),
    ]));
    // The NAT gateways stay in the graph, with an unresolved subnet: the rules treat them as anywhere.
    expect(nodesOf(g, 'nat-gateway').map((n) => [n.id, n.subnet.kind])).toEqual([['aws_nat_gateway.nat[0]', 'unresolved'], ['aws_nat_gateway.nat[1]', 'unresolved']]);
    // And the guard refuses it (GUARD-1, critical).
    const findings = checkTopology(g, { model: NetworkModel.ALPHA });
    expect(findings.filter((f) => f.ruleId === 'GUARD-1').map((f) => f.path)).toEqual(expect.arrayContaining(['aws_route_table.rt', 'aws_nat_gateway.nat[0]']));
  });

  test('a block or list of blocks known only after apply is unresolved where it is read, not read as an empty block (fail closed)', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.main', '10.0.0.0/16'),
      {
        address: 'aws_security_group.sg',
        values: { name: 'sg', tags: null },
        unknown: { id: true, vpc_id: true, ingress: true },
        // Rules built from a data source read at apply time (a `dynamic` block over it, or a for expression).
        expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main'), ingress: ref('data.aws_ec2_managed_prefix_list.x.entries', 'data.aws_ec2_managed_prefix_list.x') },
      },
    ]));
    expect(g.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^aws_security_group\.sg ingress: \(known after apply: ingress is known only after apply: .*data\.aws_ec2_managed_prefix_list\.x.*\) cannot be read at synth time, and the guard reads what it holds$/),
    ]));
    // In Japanese too, the plan's own reason included.
    const reason = g.unresolved.find((u) => u.node === 'aws_security_group.sg' && u.property === 'ingress')!.reason;
    expect(notJapanese(jaOrEn(reason))).toBeUndefined();
  });

  test('a list that may hold fewer resources than its expression names (a conditional) is unresolved, not read as all of them', () => {
    // subnet_ids = aws_vpc.main.enable_dns_support ? [aws_subnet.a.id] : [aws_subnet.b.id]: one place, three candidates. Read
    // as all, the NACL would seem to cover a subnet that in fact keeps the VPC's allow-all default NACL. (A condition on a
    // variable or local is refused already: the plan does not tie those to resources.)
    const acl = (subnetIds: unknown[], unknown: unknown[], references: string[]): R => ({
      address: 'aws_network_acl.strict',
      values: { subnet_ids: subnetIds, ingress: [], egress: [] },
      unknown: { id: true, vpc_id: true, subnet_ids: unknown },
      expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main'), subnet_ids: ref(...references) },
    });
    const base = [vpc('aws_vpc.main', '10.0.0.0/16'), subnet('aws_subnet.a', '10.0.0.0/24', ['aws_vpc.main.id']), subnet('aws_subnet.b', '10.0.1.0/24', ['aws_vpc.main.id'])];
    const conditional = extractTerraformPlan(plan([...base, acl([null], [true],
      ['aws_vpc.main.enable_dns_support', 'aws_vpc.main', 'aws_subnet.a.id', 'aws_subnet.a', 'aws_subnet.b.id', 'aws_subnet.b'])]));
    expect(conditional.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^aws_network_acl\.strict subnet_ids.*holds 1 value known only after apply, but its expression refers to 3 resources/),
    ]));
    const strict = nodesOf(conditional, 'network-acl').find((a) => a.id === 'aws_network_acl.strict')!;
    expect(strict.subnets).toEqual([]);
    // The instances of one resource: a splat and a function of it (slice, a for with if) record the same references, and
    // terraform 1.11 writes the set unknown as a whole (red team 36): unresolved too.
    const counted = (address: string, cidr: string): R => ({ ...subnet(address, cidr, ['aws_vpc.main.id']), count: true });
    const references = ['aws_subnet.c[0].id', 'aws_subnet.c[0]', 'aws_subnet.c', 'aws_subnet.c[1].id', 'aws_subnet.c[1]', 'aws_subnet.c'];
    const splat = extractTerraformPlan(plan([...base, counted('aws_subnet.c[0]', '10.0.2.0/24'), counted('aws_subnet.c[1]', '10.0.3.0/24'),
      { ...acl([], [], references), unknown: { id: true, vpc_id: true, subnet_ids: true } }]));
    expect(splat.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^aws_network_acl\.strict subnet_ids.*holds 1 value known only after apply, but its expression refers to 2 resources \(\$\{aws_subnet\.c\[0\]\.id\}, \$\{aws_subnet\.c\[1\]\.id\}\)/),
    ]));
    // Two places, two resources: both are in the list.
    const both = extractTerraformPlan(plan([...base, acl([null, null], [true, true], ['aws_subnet.a.id', 'aws_subnet.a', 'aws_subnet.b.id', 'aws_subnet.b'])]));
    expect(both.unresolved.filter((u) => u.node === 'aws_network_acl.strict')).toEqual([]);
    expect(nodesOf(both, 'network-acl').find((a) => a.id === 'aws_network_acl.strict')!.subnets.sort()).toEqual(['aws_subnet.a', 'aws_subnet.b']);
  });

  test('nested blocks of a set are paired with the written blocks by their known values, and refused when the pairing is not unique', () => {
    const endpoint = (blocks: unknown[], ipAddress: unknown[], unknown: unknown[]): R => ({
      address: 'aws_route53_resolver_endpoint.out',
      values: { direction: 'OUTBOUND', ip_address: ipAddress },
      unknown: { id: true, ip_address: unknown },
      expressions: { direction: constant('OUTBOUND'), ip_address: blocks },
    });
    const base = [vpc('aws_vpc.main', '10.0.0.0/16'), subnet('aws_subnet.a', '10.0.0.0/24', ['aws_vpc.main.id']), subnet('aws_subnet.b', '10.0.1.0/24', ['aws_vpc.main.id'])];
    const blocks = [{ subnet_id: ref('aws_subnet.a.id', 'aws_subnet.a') }, { subnet_id: ref('aws_subnet.b.id', 'aws_subnet.b') }];
    // Elements that look alike: any pairing gives the same two subnets.
    const alike = extractTerraformPlan(plan([...base, endpoint(blocks, [{}, {}], [{ subnet_id: true, ip: true }, { subnet_id: true, ip: true }])]));
    expect(alike.unresolved).toEqual([]);
    expect(nodesOf(alike, 'resolver-endpoint')[0].subnets).toEqual([{ kind: 'node', id: 'aws_subnet.a' }, { kind: 'node', id: 'aws_subnet.b' }]);
    // Known addresses tell them apart (planned in set order, written the other way round).
    const told = extractTerraformPlan(plan([...base, endpoint(
      [{ ...blocks[0], ip: constant('10.0.0.10') }, { ...blocks[1], ip: constant('10.0.1.10') }],
      [{ ip: '10.0.1.10' }, { ip: '10.0.0.10' }], [{ subnet_id: true }, { subnet_id: true }])]));
    expect(told.unresolved).toEqual([]);
    expect(nodesOf(told, 'resolver-endpoint')[0].subnets).toEqual([{ kind: 'node', id: 'aws_subnet.b' }, { kind: 'node', id: 'aws_subnet.a' }]);
    // Different known values, but nothing written to tell which block each came from: unresolved.
    const ambiguous = extractTerraformPlan(plan([...base, endpoint(blocks, [{ ip: '10.0.1.10' }, { ip: '10.0.0.10' }], [{ subnet_id: true }, { subnet_id: true }])]));
    expect(ambiguous.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([0, 1].map(() => expect.stringMatching(
      /^aws_route53_resolver_endpoint\.out ip_address: the 2 planned ip_address blocks cannot be matched one to one with the 2 written/)));
  });

  test('reads inline routes written as one expression (attributes as blocks) when it names one resource', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.main', '10.0.0.0/16'),
      { address: 'aws_internet_gateway.igw', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main') } },
      {
        address: 'aws_route_table.public',
        values: { route: [{ cidr_block: '0.0.0.0/0', gateway_id: '', nat_gateway_id: '', transit_gateway_id: '', ipv6_cidr_block: '' }] },
        unknown: { id: true, vpc_id: true, route: [{ gateway_id: true }] },
        expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main'), route: ref('aws_internet_gateway.igw.id', 'aws_internet_gateway.igw') },
      },
    ]));
    expect(g.unresolved).toEqual([]);
    expect(node(g, 'aws_route_table.public')).toMatchObject({ routes: [{ destination: '0.0.0.0/0', target: 'internet-gateway', ref: { kind: 'node', id: 'aws_internet_gateway.igw' } }] });
  });

  test('reads only managed resources that will exist: not data sources, not resources being destroyed', () => {
    const p = plan([vpc('aws_vpc.main', '10.0.0.0/16')]) as any;
    p.planned_values.root_module.resources.push({ address: 'data.aws_vpc.other', mode: 'data', type: 'aws_vpc', name: 'other', values: { cidr_block: '10.9.0.0/16', id: 'vpc-0123' } });
    p.resource_changes.push({ address: 'aws_vpc.old', mode: 'managed', type: 'aws_vpc', name: 'old', change: { actions: ['delete'], before: { cidr_block: '10.8.0.0/16' }, after: null, after_unknown: {} } });
    expect([...extractTerraformPlan(p).nodes.keys()].filter((id) => !id.includes('#'))).toEqual(['aws_vpc.main']);
  });

  test('what names a subnet known only after apply is an occupant of it, found through the configuration\'s references (semantics §10)', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.main', '10.0.0.0/16'),
      subnet('aws_subnet.a', '10.0.0.0/24', ['aws_vpc.main.id', 'aws_vpc.main']),
      {
        address: 'aws_instance.i',
        values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', tags: null },
        unknown: { id: true, subnet_id: true },
        expressions: { subnet_id: ref('aws_subnet.a.id', 'aws_subnet.a') },
      },
      {
        address: 'aws_lambda_function.f',
        values: { function_name: 'f', vpc_config: [{ security_group_ids: [] }], tags: null },
        unknown: { arn: true, vpc_config: [{ subnet_ids: true }] },
        expressions: { vpc_config: [{ subnet_ids: ref('aws_subnet.a.id', 'aws_subnet.a') }] },
      },
      {
        address: 'aws_route_table_association.a',
        values: { gateway_id: null },
        unknown: { id: true, route_table_id: true, subnet_id: true },
        expressions: { subnet_id: ref('aws_subnet.a.id', 'aws_subnet.a') },
      },
    ]));
    expect(nodesOf(g, 'occupant').map((o) => ({ resource: o.resource, subnets: o.subnets }))).toEqual([
      { resource: 'aws_instance.i', subnets: [{ property: 'subnet_id', subnet: 'aws_subnet.a' }] },
      { resource: 'aws_lambda_function.f', subnets: [{ property: 'vpc_config[0].subnet_ids[0]', subnet: 'aws_subnet.a' }] },
    ]);
  });

  test('a plan is told from a configuration and a template; each extractor refuses the other\'s input', () => {
    const p = plan([vpc('aws_vpc.main', '10.0.0.0/16')]);
    const config: TerraformJson = { resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } } };
    expect(isTerraformPlan(p)).toBe(true);
    expect(isTerraformPlan(config)).toBe(false);
    expect(isTerraformPlan({ Resources: {} })).toBe(false);
    expect(isTerraformPlan('{}')).toBe(false);
    // Without the refusal, a plan read as a configuration is an empty graph: a silent pass.
    expect(() => extractTerraform({ plan: p as TerraformJson })).toThrow(/Terraform plan JSON.*extractTerraformPlan/);
    expect(() => extractTerraformPlan(config)).toThrow(/Not a Terraform plan JSON.*extractTerraform\b/);
    expect(() => extractTerraformPlan({ ...(p as object), format_version: '2.0' })).toThrow(/format 2\.0 is not supported/);
  });
});

describe('network bridges the guard does not model, in a plan (GUARD-1)', () => {
  test('a Client VPN association\'s subnet known after apply is placed in My Number; an endpoint service in front of an Internet NLB passes; a data source\'s subnets do not place', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.mn', '10.0.0.0/16'),
      subnet('aws_subnet.mn', '10.0.0.0/24', ['aws_vpc.mn.id', 'aws_vpc.mn']),
      vpc('aws_vpc.in', '10.2.0.0/16', { [SEGMENT]: 'INTERNET' }),
      subnet('aws_subnet.in', '10.2.0.0/24', ['aws_vpc.in.id', 'aws_vpc.in']),
      {
        address: 'aws_lb.in',
        values: { load_balancer_type: 'network', internal: true, tags: null },
        unknown: { id: true, arn: true, subnets: true, tags_all: true },
        expressions: { subnets: ref('aws_subnet.in.id', 'aws_subnet.in') },
      },
      {
        address: 'aws_ec2_client_vpn_network_association.remote',
        values: { client_vpn_endpoint_id: 'cvpn-endpoint-0123' },
        unknown: { id: true, subnet_id: true },
        expressions: { client_vpn_endpoint_id: constant('cvpn-endpoint-0123'), subnet_id: ref('aws_subnet.mn.id', 'aws_subnet.mn') },
      },
      {
        address: 'aws_vpc_endpoint_service.svc',
        values: { acceptance_required: false, tags: null },
        unknown: { id: true, network_load_balancer_arns: true, tags_all: true },
        expressions: { network_load_balancer_arns: ref('aws_lb.in.arn', 'aws_lb.in') },
      },
      {
        address: 'aws_apigatewayv2_vpc_link.other',
        values: { name: 'link', tags: null },
        unknown: { id: true, subnet_ids: true, tags_all: true },
        expressions: { subnet_ids: ref('data.aws_subnets.x.ids', 'data.aws_subnets.x') },
      },
    ]));
    const bridges = g.unresolved.filter((u) => / opens a path between /.test(u.reason));
    expect(bridges.map((u) => u.node)).toEqual(['aws_apigatewayv2_vpc_link.other', 'aws_ec2_client_vpn_network_association.remote']);
    expect(bridges[0].reason).toMatch(/subnet_ids, which cannot be resolved \(subnet_ids is known only after apply: data\.aws_subnets\.x\.ids is a data source's value/);
    expect(bridges[1].reason).toMatch(/^aws_ec2_client_vpn_network_association opens a path between remote users of a Client VPN endpoint and subnet aws_subnet\.mn of the MY_NUMBER segment/);
    expect(checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.path))
      .toEqual(expect.arrayContaining(['aws_apigatewayv2_vpc_link.other', 'aws_ec2_client_vpn_network_association.remote']));
  });

  test('route propagation from a VPN gateway known only after apply is resolved through the configuration (semantics §4)', () => {
    const g = extractTerraformPlan(plan([
      vpc('aws_vpc.mn', '10.0.0.0/16'),
      subnet('aws_subnet.mn', '10.0.1.0/24', ['aws_vpc.mn.id', 'aws_vpc.mn']),
      {
        address: 'aws_vpn_gateway.sc',
        values: { tags: { 'jichitai:zone': 'SECURITY_CLOUD' } },
        unknown: { id: true, vpc_id: true, tags_all: true },
        expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn') },
      },
      {
        address: 'aws_route_table.mn',
        values: { route: [], tags: null },
        unknown: { id: true, vpc_id: true, propagating_vgws: true },
        expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn'), propagating_vgws: ref('aws_vpn_gateway.sc.id', 'aws_vpn_gateway.sc') },
      },
      {
        address: 'aws_route_table_association.mn',
        values: { gateway_id: null },
        unknown: { id: true, route_table_id: true, subnet_id: true },
        expressions: { route_table_id: ref('aws_route_table.mn.id', 'aws_route_table.mn'), subnet_id: ref('aws_subnet.mn.id', 'aws_subnet.mn') },
      },
    ]));
    expect(g.unresolved).toEqual([]);
    expect(node(g, 'aws_route_table.mn')).toMatchObject({ routes: [{ target: 'vpn-gateway', ref: { kind: 'node', id: 'aws_vpn_gateway.sc' }, propagated: true }] });
    // The way out through the propagated route (and the way in through the gateway: no NACL stops it here).
    expect(checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-1').map((f) => f.hops.map((h) => h.label).join(' → ')))
      .toContain('subnet aws_subnet.mn (10.0.1.0/24) → aws_route_table.mn any prefix (propagated from aws_vpn_gateway.sc) → vgw aws_vpn_gateway.sc');
  });

  test('a Transfer Family server whose endpoint type is known only after apply may be internet-facing: refused in LGWAN', () => {
    const known = { id: true, arn: true, tags_all: true };
    const server = (type: 'VPC' | 'PUBLIC' | undefined) => extractTerraformPlan(plan([
      vpc('aws_vpc.lg', '10.1.0.0/16', { [SEGMENT]: 'LGWAN' }),
      subnet('aws_subnet.lg', '10.1.0.0/24', ['aws_vpc.lg.id', 'aws_vpc.lg']),
      { address: 'aws_eip.sftp', values: { domain: 'vpc', tags: null }, unknown: { id: true, allocation_id: true, public_ip: true, tags_all: true } },
      {
        address: 'aws_transfer_server.sftp',
        values: { ...(type ? { endpoint_type: type } : {}), endpoint_details: [{ vpc_endpoint_id: null }], tags: null },
        unknown: { ...known, ...(type ? {} : { endpoint_type: true }), endpoint_details: [{ subnet_ids: true, address_allocation_ids: true }] },
        expressions: {
          endpoint_type: type ? constant(type) : ref('terraform_data.choice.output', 'terraform_data.choice'),
          endpoint_details: [{ subnet_ids: ref('aws_subnet.lg.id', 'aws_subnet.lg'), address_allocation_ids: ref('aws_eip.sftp.allocation_id', 'aws_eip.sftp') }],
        },
      },
    ]));
    const bridges = (g: TopologyGraph) => g.unresolved.filter((u) => / opens a path between /.test(u.reason)).map((u) => u.node);
    expect(bridges(server('PUBLIC'))).toEqual([]);
    expect(bridges(server('VPC'))).toEqual(['aws_transfer_server.sftp']);
    const unknown = server(undefined);
    expect(bridges(unknown)).toEqual(['aws_transfer_server.sftp']);
    expect(unknown.unresolved.find((u) => u.node === 'aws_transfer_server.sftp')!.reason).toMatch(/subnet aws_subnet\.lg of the LGWAN segment/);
  });
});

test('a state machine whose definition is known only after apply may call any AWS API: unresolved (GUARD-1)', () => {
  const graph = extractTerraformPlan(plan([
    {
      address: 'aws_sfn_state_machine.m',
      values: { name: 'm', role_arn: 'arn:aws:iam::123456789012:role/r', tags: null },
      unknown: { id: true, arn: true, definition: true, tags_all: true },
      expressions: { definition: ref('terraform_data.definition.output', 'terraform_data.definition') },
    },
  ]));
  expect(graph.unresolved.filter((u) => u.node === 'aws_sfn_state_machine.m').map((u) => `${u.property}: ${u.reason}`))
    .toEqual(['definition: the AWS API calls this state machine makes when it runs cannot be read at synth time']);
});

test('a Cloud WAN peering of the transit gateway, associated with a table that reaches My Number: an unplaced entry, as in the configuration', () => {
  const peering = 'aws_networkmanager_transit_gateway_peering.p.transit_gateway_peering_attachment_id';
  const graph = (attachment: string[]) => extractTerraformPlan(plan([
    vpc('aws_vpc.mn', '10.0.0.0/16'),
    subnet('aws_subnet.mn', '10.0.1.0/24', ['aws_vpc.mn.id', 'aws_vpc.mn']),
    {
      address: 'aws_ec2_transit_gateway.tgw',
      values: { default_route_table_association: 'disable', default_route_table_propagation: 'disable', tags: null },
      unknown: { id: true, arn: true, association_default_route_table_id: true, propagation_default_route_table_id: true },
    },
    {
      address: 'aws_ec2_transit_gateway_vpc_attachment.mn',
      values: { transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false, tags: null },
      unknown: { id: true, transit_gateway_id: true, vpc_id: true, subnet_ids: true },
      expressions: {
        transit_gateway_id: ref('aws_ec2_transit_gateway.tgw.id', 'aws_ec2_transit_gateway.tgw'),
        vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn'),
        subnet_ids: ref('aws_subnet.mn.id', 'aws_subnet.mn'),
      },
    },
    {
      address: 'aws_networkmanager_transit_gateway_peering.p',
      values: { core_network_id: 'core-network-0123456789abcdef0', tags: null },
      unknown: { id: true, arn: true, transit_gateway_arn: true, transit_gateway_peering_attachment_id: true },
      expressions: { core_network_id: constant('core-network-0123456789abcdef0'), transit_gateway_arn: ref('aws_ec2_transit_gateway.tgw.arn', 'aws_ec2_transit_gateway.tgw') },
    },
    {
      address: 'aws_ec2_transit_gateway_route_table.t',
      values: { tags: null },
      unknown: { id: true, transit_gateway_id: true },
      expressions: { transit_gateway_id: ref('aws_ec2_transit_gateway.tgw.id', 'aws_ec2_transit_gateway.tgw') },
    },
    {
      address: 'aws_ec2_transit_gateway_route_table_propagation.p',
      values: {},
      unknown: { id: true, transit_gateway_route_table_id: true, transit_gateway_attachment_id: true },
      expressions: {
        transit_gateway_route_table_id: ref('aws_ec2_transit_gateway_route_table.t.id', 'aws_ec2_transit_gateway_route_table.t'),
        transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_vpc_attachment.mn.id', 'aws_ec2_transit_gateway_vpc_attachment.mn'),
      },
    },
    {
      address: 'aws_ec2_transit_gateway_route_table_association.a',
      values: {},
      unknown: { id: true, transit_gateway_route_table_id: true, transit_gateway_attachment_id: true },
      expressions: {
        transit_gateway_route_table_id: ref('aws_ec2_transit_gateway_route_table.t.id', 'aws_ec2_transit_gateway_route_table.t'),
        transit_gateway_attachment_id: ref(...attachment),
      },
    },
  ]));
  // At the subnets of the output (what enters reaches the VPC's addresses no subnet holds too, semantics §2: a finding of its own).
  const guard1 = (g: TopologyGraph) => checkTopology(g, { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'GUARD-1' && !f.path.endsWith('#subnets-outside-the-output')).map((f) => `[${f.path}] ${f.message}`);
  expect(guard1(graph([peering, 'aws_networkmanager_transit_gateway_peering.p']))).toEqual([expect.stringMatching(
    /^\[aws_subnet\.mn\] traffic entering through Cloud WAN transit gateway peering aws_networkmanager_transit_gateway_peering\.p \(the networks of core network core-network-0123456789abcdef0\) reaches this My Number subnet/)]);
  // Control: the table associated with the VPC attachment the plan holds.
  expect(guard1(graph(['aws_ec2_transit_gateway_vpc_attachment.mn.id', 'aws_ec2_transit_gateway_vpc_attachment.mn']))).toEqual([]);
});

test('a VPC attachment\'s appliance mode is read from the plan as from the configuration: the literal enable only (FLOW-1)', () => {
  const graph = (values: Record<string, unknown>, unknown: Record<string, unknown> = {}) => extractTerraformPlan(plan([
    vpc('aws_vpc.mn', '10.0.0.0/16'),
    subnet('aws_subnet.mn', '10.0.1.0/24', ['aws_vpc.mn.id', 'aws_vpc.mn']),
    {
      address: 'aws_ec2_transit_gateway_vpc_attachment.mn',
      values: { transit_gateway_id: 'tgw-0123456789abcdef0', tags: null, ...values },
      unknown: { id: true, vpc_id: true, subnet_ids: true, ...unknown },
      expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn'), subnet_ids: ref('aws_subnet.mn.id', 'aws_subnet.mn') },
    },
  ]));
  const attachment = (g: TopologyGraph) => nodesOf(g, 'transit-attachment')[0];
  expect(attachment(graph({ appliance_mode_support: 'enable' })).applianceMode).toBe(true);
  expect(attachment(graph({ appliance_mode_support: 'disable' })).applianceMode).toBeUndefined();
  // Known only after apply: not taken to be on (fail closed).
  expect(attachment(graph({}, { appliance_mode_support: true })).applianceMode).toBeUndefined();
});

describe('deploy-time code in a plan (src/guard/deploy-code.ts)', () => {
  test('a provisioner of the configuration and a data source that runs code are unresolved, as in a synthesized configuration', () => {
    const p = plan([vpc('aws_vpc.mn', '10.1.0.0/16')]) as any;
    p.configuration.root_module.resources[0].provisioners = [{ type: 'local-exec', expressions: { command: constant('aws ec2 create-route') } }, { type: 'file' }];
    p.planned_values.root_module.resources.push({ address: 'data.external.seed', mode: 'data', type: 'external', name: 'seed', values: { result: {} } });
    // Deferred to apply (a data source that depends on what is created): only in the changes, with action read.
    p.resource_changes.push({ address: 'data.aws_lambda_invocation.seed', mode: 'data', type: 'aws_lambda_invocation', name: 'seed', change: { actions: ['read'] } });
    p.planned_values.root_module.resources.push({ address: 'data.aws_region.here', mode: 'data', type: 'aws_region', name: 'here', values: { name: 'ap-northeast-1' } });
    expect(extractTerraformPlan(p).unresolved.map((u) => `${u.node} ${u.property}`)).toEqual([
      'aws_vpc.mn provisioner.local-exec',
      // What a file provisioner writes on the host runs or is read there (outside auditor, red team 38).
      'aws_vpc.mn provisioner.file',
      'data.aws_lambda_invocation.seed function_name',
      'data.external.seed program',
    ]);
  });

  test('a resource or data source managed by a provider of another source than HashiCorp\'s is unresolved, once per provider', () => {
    const p = plan([vpc('aws_vpc.mn', '10.1.0.0/16'), vpc('aws_vpc.lg', '10.2.0.0/16')]) as any;
    p.planned_values.root_module.resources[0].provider_name = 'registry.terraform.io/acme/aws';
    p.planned_values.root_module.resources[1].provider_name = 'registry.terraform.io/acme/aws';
    p.planned_values.root_module.resources.push({ address: 'data.http.ip', mode: 'data', type: 'http', name: 'ip', provider_name: 'tf.example.jp/acme/http', values: {} });
    p.planned_values.root_module.resources.push({ address: 'data.aws_region.here', mode: 'data', type: 'aws_region', name: 'here', provider_name: 'registry.terraform.io/hashicorp/aws', values: {} });
    expect(extractTerraformPlan(p).unresolved.map((u) => `${u.node} ${u.property}`)).toEqual([
      'provider["registry.terraform.io/acme/aws"] source',
      'provider["tf.example.jp/acme/http"] source',
    ]);
    // Control: the plan helper's own resources (HashiCorp's aws provider).
    expect(extractTerraformPlan(plan([vpc('aws_vpc.mn', '10.1.0.0/16')])).unresolved).toEqual([]);
  });

  test('an action block of the configuration (Terraform 1.14), in a module too, is unresolved, as in a synthesized configuration', () => {
    const p = plan([vpc('aws_vpc.mn', '10.1.0.0/16')], { net: { resources: [] } }) as any;
    // The shape of terraform show -json (Terraform 1.14): configuration.root_module.actions.
    p.configuration.root_module.actions = [{ address: 'action.aws_lambda_invoke.seed', type: 'aws_lambda_invoke', name: 'seed', provider_config_key: 'aws' }];
    p.configuration.root_module.module_calls.net.module.actions = [{ address: 'action.aws_lambda_invoke.again', type: 'aws_lambda_invoke', name: 'again' }];
    expect(extractTerraformPlan(p).unresolved.map((u) => `${u.node} ${u.property}`)).toEqual([
      'action.aws_lambda_invoke.seed config',
      'module.net.action.aws_lambda_invoke.again config',
    ]);
  });

  // Red team 22: a count or for_each that shrank destroys instances no planned value holds; their destroy-time provisioners run.
  test('a provisioner of an instance the plan only destroys (no planned value), in a module too, is unresolved; a plain destroy is not', () => {
    const p = plan([vpc('aws_vpc.mn', '10.1.0.0/16')]) as any;
    p.configuration.root_module.resources.push({
      address: 'terraform_data.seed',
      mode: 'managed',
      type: 'terraform_data',
      name: 'seed',
      provisioners: [{ type: 'local-exec', expressions: { command: constant('aws ec2 create-route') } }],
    });
    p.configuration.root_module.resources.push({ address: 'terraform_data.plain', mode: 'managed', type: 'terraform_data', name: 'plain' });
    p.configuration.root_module.module_calls = {
      net: {
        source: './net',
        module: {
          resources: [
            { address: 'terraform_data.seed', mode: 'managed', type: 'terraform_data', name: 'seed', provisioners: [{ type: 'remote-exec' }] },
          ],
        },
      },
    };
    p.resource_changes.push({ address: 'terraform_data.seed[0]', mode: 'managed', type: 'terraform_data', name: 'seed', change: { actions: ['delete'] } });
    p.resource_changes.push({ address: 'terraform_data.plain[0]', mode: 'managed', type: 'terraform_data', name: 'plain', change: { actions: ['delete'] } });
    p.resource_changes.push({ address: 'module.net["a"].terraform_data.seed', mode: 'managed', type: 'terraform_data', name: 'seed', change: { actions: ['delete'] } });
    expect(extractTerraformPlan(p).unresolved.map((u) => `${u.node} ${u.property}`)).toEqual([
      'removed.terraform_data.seed[0] provisioner.local-exec',
      'removed.module.net["a"].terraform_data.seed provisioner.remote-exec',
    ]);
  });
});

// A plan of Terraform 1.10+ may not show the whole network: judged as the whole, it would pass what a later plan adds.
describe('a plan that does not show everything (GUARD-1, semantics §11)', () => {
  const deferred = [
    { reason: 'instance_count_unknown', resource_change: { address: 'aws_route.to_igw', mode: 'managed', type: 'aws_route', name: 'to_igw', change: { actions: ['create'] } } },
    { reason: 'provider_config_unknown', resource_change: { address: 'module.net.aws_internet_gateway.this', change: { actions: ['create'] } } },
    // No address to name (fail closed: still counted, by its place in the list).
    { resource_change: {} },
  ];
  const partial = (fields: Record<string, unknown>) => ({ ...plan([vpc('aws_vpc.mn', '10.1.0.0/16')]) as object, ...fields });
  const named = (g: TopologyGraph) => g.unresolved.map((u) => `${u.node} ${u.property}`);

  test.each([
    ['complete = false (a -target plan, or one that defers changes)', { complete: false }, '(plan) complete'],
    ['errored = true (planning stopped at an error)', { errored: true }, '(plan) errored'],
    ['deferred_changes holding resources (deferred actions)', { complete: false, deferred_changes: deferred }, '(plan) deferred_changes'],
  ])('%s is GUARD-1, and the rest of the plan is still read', (_, fields, where) => {
    const g = extractTerraformPlan(partial(fields));
    expect(named(g)).toContain(where);
    expect(node(g, 'aws_vpc.mn')).toMatchObject({ type: 'vpc', cidr: '10.1.0.0/16' });
    const findings = checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1' && f.path === '(plan)');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.severity).toBe('critical');
      expect([notJapanese(f.ja?.message), notJapanese(f.ja?.fix)]).toEqual([undefined, undefined]);
    }
  });

  test('one finding per cause; the deferred one names each deferred resource with its reason', () => {
    const g = extractTerraformPlan(partial({ complete: false, errored: true, deferred_changes: deferred }));
    expect(named(g)).toEqual(['(plan) complete', '(plan) errored', '(plan) deferred_changes']);
    expect(g.unresolved[2].reason).toBe('the plan defers the changes of aws_route.to_igw (instance_count_unknown), module.net.aws_internet_gateway.this '
      + '(provider_config_unknown), deferred_changes[2] to a later plan and apply, which the guard does not see');
    expect(g.unresolved[0].reason).toContain('complete = false');
    expect(g.unresolved[1].reason).toContain('errored = true');
  });

  test('a whole plan (complete, not errored, nothing deferred) and a plan of an older Terraform (no such fields) are no finding', () => {
    expect(named(extractTerraformPlan(partial({ complete: true, errored: false, deferred_changes: [] })))).toEqual([]);
    expect(named(extractTerraformPlan(partial({ applyable: true, complete: true, errored: false })))).toEqual([]);
    expect(named(extractTerraformPlan(plan([vpc('aws_vpc.mn', '10.1.0.0/16')])))).toEqual([]);
  });
});

describe('MN-5 in a plan: a literal account is the own account only where the plan, or the user, says which account it deploys to', () => {
  const ACCOUNT = '111122223333';
  const policy = JSON.stringify({
    Statement: [{
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: '*',
      Resource: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:*`,
      Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } },
    }],
  });
  const endpointPlan = (providerExpressions: Record<string, unknown> = {}, callerIdentity?: { account: string; provider: string }): any => {
    const p: any = plan([
      vpc('aws_vpc.mn', '10.0.0.0/16'),
      {
        address: 'aws_vpc_endpoint.logs',
        values: { vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.ap-northeast-1.logs', policy, tags: null },
        unknown: { id: true, vpc_id: true, tags_all: true },
        expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn') },
      },
    ], {}, { aws: { name: 'aws', expressions: { region: constant('ap-northeast-1'), ...providerExpressions } } });
    if (callerIdentity) {
      p.planned_values.root_module.resources.push({ address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me', values: { account_id: callerIdentity.account } });
      p.configuration.root_module.resources.push({ address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me', provider_config_key: callerIdentity.provider });
    }
    return p;
  };
  const problem = (p: unknown, account?: string) => endpointPolicyProblem(nodesOf(extractTerraformPlan(p, { account }), 'vpc-endpoint')[0])?.en;

  test('nothing says which account: the literal is no proof of the own account (fail closed)', () => {
    expect(problem(endpointPlan())).toMatch(/"111122223333" is a literal account/);
  });

  test('the default provider\'s allowed_account_ids, its caller identity, or the account given: the literal is the own account on both sides', () => {
    expect(problem(endpointPlan({ allowed_account_ids: constant([ACCOUNT]) }))).toBeUndefined();
    expect(problem(endpointPlan({}, { account: ACCOUNT, provider: 'aws' }))).toBeUndefined();
    expect(problem(endpointPlan(), ACCOUNT)).toBeUndefined();
  });

  test('another account is still another: allowed_account_ids or a caller identity of a different account, one read through an alias', () => {
    expect(problem(endpointPlan({ allowed_account_ids: constant(['999999999999']) }))).toMatch(/is a literal account/);
    expect(problem(endpointPlan({ allowed_account_ids: constant([ACCOUNT, '999999999999']) }))).toMatch(/is a literal account/);
    expect(problem(endpointPlan({}, { account: ACCOUNT, provider: 'aws.other' }))).toMatch(/is a literal account/);
  });

  test('an account given that the plan contradicts, or that is no account ID, is refused', () => {
    expect(() => problem(endpointPlan({ allowed_account_ids: constant(['999999999999']) }), ACCOUNT)).toThrow(/the plan deploys to account 999999999999 .* not 111122223333/);
    expect(() => problem(endpointPlan(), '1111')).toThrow(/is not a 12-digit AWS account ID/);
  });
});

describe('MN-5 in a plan: an account is the endpoint\'s own only when read or made with the endpoint\'s own provider configuration', () => {
  // The shapes terraform 1.11 gives (checked with a plan of root aliases and of modules called with and without
  // `providers = { aws = aws.other }`): every resource's provider_config_key names the root configuration it uses, a
  // child module's the one passed to the module (`aws.other`), an inherited one `aws`.
  const policyText = (account: string) => JSON.stringify({
    Statement: [{
      Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': account, 'aws:ResourceAccount': account } },
    }],
  });
  /** A My Number endpoint whose policy (known only after apply, a JSON configuration's template) names `account`. */
  const endpoint = (address: string, account: string, references: string[], provider = 'aws'): R => ({
    address,
    values: { vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.ap-northeast-1.logs', tags: null },
    unknown: { id: true, vpc_id: true, tags_all: true, policy: true },
    expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn'), policy: { constant_value: policyText(account), references } },
    provider,
  });
  const gateway = (address: string, provider: string): R => ({
    address, values: { tags: null }, unknown: { id: true, owner_id: true, tags_all: true }, provider,
  });
  /** Adds caller identities (deferred to apply: no planned value) with their provider configuration keys to a module's configuration. */
  const withCallers = (p: any, callers: Record<string, string>, module?: string): any => {
    const config = module === undefined ? p.configuration.root_module : p.configuration.root_module.module_calls[module].module;
    for (const [name, key] of Object.entries(callers)) {
      config.resources.push({ address: `data.aws_caller_identity.${name}`, mode: 'data', type: 'aws_caller_identity', name, provider_config_key: key });
    }
    return p;
  };
  const PROVIDERS = {
    'aws': { name: 'aws', expressions: { region: constant('ap-northeast-1') } },
    'aws.other': { name: 'aws', alias: 'other', expressions: { region: constant('ap-northeast-1') } },
  };
  const problems = (p: unknown) => nodesOf(extractTerraformPlan(p), 'vpc-endpoint').map((e) => `${e.id}: ${endpointPolicyProblem(e)?.en ?? 'complies'}`);
  const caller = (name: string) => `\${data.aws_caller_identity.${name}.account_id}`;
  const callerRefs = (name: string) => [`data.aws_caller_identity.${name}.account_id`, `data.aws_caller_identity.${name}`];

  test('a caller identity read with the default provider is the account of an endpoint of the default provider; one read through an alias is not', () => {
    const p = withCallers(plan([
      vpc('aws_vpc.mn', '10.0.0.0/16'),
      endpoint('aws_vpc_endpoint.me', caller('me'), callerRefs('me')),
      endpoint('aws_vpc_endpoint.them', caller('them'), callerRefs('them')),
      endpoint('aws_vpc_endpoint.spaced', '${ data.aws_caller_identity.them.account_id }', callerRefs('them')),
    ], {}, PROVIDERS), { me: 'aws', them: 'aws.other' });
    expect(problems(p)).toEqual([
      'aws_vpc_endpoint.me: complies',
      expect.stringMatching(/^aws_vpc_endpoint\.spaced: statement 0 lets principals of other accounts act .*data\.aws_caller_identity\.them\.account_id/),
      expect.stringMatching(/^aws_vpc_endpoint\.them: statement 0 lets principals of other accounts act .*data\.aws_caller_identity\.them\.account_id/),
    ]);
  });

  test('the owner of a transit gateway made through an alias is another account', () => {
    const owner = (name: string) => `\${aws_ec2_transit_gateway.${name}.owner_id}`;
    const refs = (name: string) => [`aws_ec2_transit_gateway.${name}.owner_id`, `aws_ec2_transit_gateway.${name}`];
    const p = plan([
      vpc('aws_vpc.mn', '10.0.0.0/16'),
      gateway('aws_ec2_transit_gateway.mine', 'aws'),
      gateway('aws_ec2_transit_gateway.theirs', 'aws.other'),
      endpoint('aws_vpc_endpoint.mine', owner('mine'), refs('mine')),
      endpoint('aws_vpc_endpoint.theirs', owner('theirs'), refs('theirs')),
    ], {}, PROVIDERS);
    expect(problems(p)).toEqual([
      'aws_vpc_endpoint.mine: complies',
      expect.stringMatching(/^aws_vpc_endpoint\.theirs: statement 0 lets principals of other accounts act .*"\{ec2-transit-gateway\}" is a literal account/),
    ]);
  });

  test('in a child module, the provider configuration passed to the module decides', () => {
    const module = (name: string, key: string): M => ({
      resources: [vpc(`module.${name}.aws_vpc.mn`, '10.0.0.0/16'), endpoint(`module.${name}.aws_vpc_endpoint.e`, caller('c'), callerRefs('c'), key)],
    });
    const modules = { inherit: module('inherit', 'aws'), passed: module('passed', 'aws.other') };
    const p = withCallers(withCallers(plan([], modules, PROVIDERS), { c: 'aws' }, 'inherit'), { c: 'aws.other' }, 'passed');
    // Both caller identity and endpoint of module.passed are the other account's: its policy holds to that account.
    expect(problems(p)).toEqual(['module.inherit.aws_vpc_endpoint.e: complies', 'module.passed.aws_vpc_endpoint.e: complies']);
    const mixed = withCallers(withCallers(plan([], modules, PROVIDERS), { c: 'aws.other' }, 'inherit'), { c: 'aws' }, 'passed');
    expect(problems(mixed)).toEqual([
      expect.stringMatching(/^module\.inherit\.aws_vpc_endpoint\.e: statement 0 lets principals of other accounts act/),
      expect.stringMatching(/^module\.passed\.aws_vpc_endpoint\.e: statement 0 lets principals of other accounts act/),
    ]);
  });

  test('an endpoint made through an alias holds to the alias\'s account: the default provider\'s account, literal or read, is another', () => {
    const ACCOUNT = '111122223333';
    const p = withCallers(plan([
      vpc('aws_vpc.mn', '10.0.0.0/16'),
      endpoint('aws_vpc_endpoint.read', caller('me'), callerRefs('me'), 'aws.other'),
      {
        address: 'aws_vpc_endpoint.literal',
        values: { vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.ap-northeast-1.logs', policy: policyText(ACCOUNT), tags: null },
        unknown: { id: true, vpc_id: true, tags_all: true },
        expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn') },
        provider: 'aws.other',
      },
    ], {}, { ...PROVIDERS, aws: { name: 'aws', expressions: { region: constant('ap-northeast-1'), allowed_account_ids: constant([ACCOUNT]) } } }), { me: 'aws' });
    expect(problems(p)).toEqual([
      expect.stringMatching(/^aws_vpc_endpoint\.literal: statement 0 lets principals of other accounts act .*"111122223333" is a literal account/),
      expect.stringMatching(/^aws_vpc_endpoint\.read: statement 0 lets principals of other accounts act .*data\.aws_caller_identity\.me\.account_id/),
    ]);
  });
});

describe('extractTerraformPlan: a log bucket\'s lifecycle (LOG-1)', () => {
  /** A bucket, a flow log of a My Number VPC to it, and a lifecycle configuration expiring after `days` (as a plan writes the block). */
  const lifecyclePlan = (days: number) => plan([
    vpc('aws_vpc.mn', '10.0.0.0/16'),
    { address: 'aws_s3_bucket.logs', values: { bucket_prefix: 'logs-', tags: null }, unknown: { id: true, arn: true, bucket: true, lifecycle_rule: true } },
    {
      address: 'aws_flow_log.mn',
      values: { traffic_type: 'ALL', log_destination_type: 's3', tags: null },
      unknown: { id: true, vpc_id: true, log_destination: true },
      expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn'), log_destination: ref('aws_s3_bucket.logs.arn', 'aws_s3_bucket.logs') },
    },
    {
      address: 'aws_s3_bucket_lifecycle_configuration.lc',
      values: {
        rule: [{
          id: 'expire',
          status: 'Enabled',
          prefix: '',
          filter: [{ and: [], object_size_greater_than: null, object_size_less_than: null, prefix: '', tag: [] }],
          expiration: [{ date: null, days, expired_object_delete_marker: false }],
          noncurrent_version_expiration: [{ newer_noncurrent_versions: null, noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [],
          transition: [],
          noncurrent_version_transition: [],
        }],
      },
      unknown: { id: true, bucket: true, rule: [{ expiration: [{}], filter: [{ and: [], tag: [] }] }] },
      expressions: { bucket: ref('aws_s3_bucket.logs.id', 'aws_s3_bucket.logs') },
    },
  ]);
  const log1 = (days: number) => checkTopology(extractTerraformPlan(lifecyclePlan(days) as any), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'LOG-1');

  test('a bucket left computed reads as having no inline rule, and the configuration\'s 400 days pass', () => {
    const g = extractTerraformPlan(lifecyclePlan(400) as any);
    expect(nodesOf(g, 's3-bucket')[0].lifecycle).toBeUndefined();
    expect(nodesOf(g, 's3-lifecycle').map((n) => [n.bucket, n.rules])).toEqual([[{ kind: 'node', id: 'aws_s3_bucket.logs' }, [expect.objectContaining({ enabled: true, prefix: '', expirationDays: 400 })]]]);
    expect(log1(400)).toEqual([]);
  });

  test('90 days is refused', () => {
    expect(log1(90).map((f) => f.message)).toEqual([expect.stringMatching(/bucket aws_s3_bucket.logs \(aws_s3_bucket_lifecycle_configuration.lc\) has a lifecycle rule expire that expires the log objects \(AWSLogs\/…\) after 90 days/)]);
  });
});
