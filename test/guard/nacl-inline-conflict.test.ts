/**
 * Found by red team 23: an `aws_network_acl_rule` deny entry on a network ACL that lists its entries of that direction
 * inline (`aws_network_acl` `ingress` / `egress`, or the default NACL an `aws_default_network_acl` takes over). Terraform
 * removes every entry of a managed direction that the inline list does not hold on each apply (the provider documents
 * the conflict), so the deny entry comes and goes; the guard counted it, and a My Number subnet whose only cut was that
 * entry passed. Now such a deny entry is unresolved (GUARD-1) and not counted; an allow entry still counts (it can only
 * widen), and a NACL without inline entries of that direction keeps its rules. In a plan, what the configuration writes
 * decides, not the planned value (which holds the rule resources' entries too).
 */
import { checkTopology } from '../../src/guard/check';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { NetworkModel } from '../../src/model/network-model';

const ALL = { protocol: '-1', from_port: 0, to_port: 0, cidr_block: '0.0.0.0/0' };

/** A My Number subnet routed to a NAT gateway in the Internet segment, cut only by deny entries (rule 100, both ways) of its NACL `acl`. */
function config(acl: 'own' | 'default', inline: boolean): TerraformJson {
  const id = acl === 'own' ? '${aws_network_acl.mn.id}' : '${aws_vpc.mn.default_network_acl_id}';
  const entries = inline ? { ingress: [{ ...ALL, rule_no: 200, action: 'allow' }], egress: [{ ...ALL, rule_no: 200, action: 'allow' }] } : {};
  return {
    resource: {
      aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, in: { enable_dns_support: false, cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, nat: { vpc_id: '${aws_vpc.in.id}', cidr_block: '10.2.0.0/24' } },
      aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}', route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: '${aws_nat_gateway.in.id}' }] } },
      aws_route_table_association: { mn: { route_table_id: '${aws_route_table.mn.id}', subnet_id: '${aws_subnet.mn.id}' } },
      ...acl === 'own'
        ? { aws_network_acl: { mn: { vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'], ...entries } } }
        : { aws_default_network_acl: { mn: { default_network_acl_id: '${aws_vpc.mn.default_network_acl_id}', subnet_ids: ['${aws_subnet.mn.id}'], ...entries } } },
      aws_network_acl_rule: {
        out: { network_acl_id: id, rule_number: 100, egress: true, rule_action: 'deny', protocol: '-1', cidr_block: '0.0.0.0/0' },
        in: { network_acl_id: id, rule_number: 100, egress: false, rule_action: 'deny', protocol: '-1', cidr_block: '0.0.0.0/0' },
      },
      aws_nat_gateway: { in: { subnet_id: '${aws_subnet.nat.id}' } },
    },
  };
}

function critical(graph: TopologyGraph): string[] {
  return [...new Set(checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.severity === 'critical').map((f) => `${f.ruleId} ${f.path}`))].sort();
}

const conflict = (direction: string) => `the network ACL lists its ${direction} entries inline, and terraform removes every other entry of that direction `
  + 'on each apply, this deny entry included';

describe('a deny aws_network_acl_rule on a NACL with inline entries of its direction (GUARD-1)', () => {
  test('without inline entries the deny entries cut the way out: no finding', () => {
    expect(critical(extractTerraform({ s: config('own', false) }))).toEqual([]);
  });

  test.each(['own', 'default'] as const)('%s NACL with inline entries: each deny entry is unresolved and not counted (the path is seen)', (acl) => {
    const graph = extractTerraform({ s: config(acl, true) });
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`).sort()).toEqual([
      `aws_network_acl_rule.in network_acl_id: ${conflict('ingress')}`,
      `aws_network_acl_rule.out network_acl_id: ${conflict('egress')}`,
    ]);
    expect(critical(graph)).toEqual(['GUARD-1 aws_network_acl_rule.in', 'GUARD-1 aws_network_acl_rule.out', 'MN-2 aws_subnet.mn']);
    expect(graph.unresolved.every((u) => jaOrEn(u.reason) !== u.reason && jaOrEn(u.fix!) !== u.fix)).toBe(true);
  });

  test('in a plan: the configuration\'s written ingress / egress decide, not the planned entries (which hold the rules\' entries too)', () => {
    // `dynamic`: the entries come from a dynamic block, which the plan's configuration does not record (terraform 1.11);
    // a NACL the plan creates (no prior state) plans them, one it updates would keep a prior state that differs.
    const plan = (written: boolean, dynamic = false) => {
      const planned = [{ rule_no: 100, action: 'deny', ...ALL }, { rule_no: 200, action: 'allow', ...ALL }];
      const rule = { rule_number: 100, egress: true, rule_action: 'deny', protocol: '-1', cidr_block: '0.0.0.0/0' };
      const resources = [
        {
          address: 'aws_vpc.mn',
          type: 'aws_vpc',
          values: { cidr_block: '10.0.0.0/16', tags_all: { 'jichitai:segment': 'MY_NUMBER' } },
          unknown: { id: true },
          expressions: {},
        },
        {
          address: 'aws_network_acl.mn',
          type: 'aws_network_acl',
          values: { ingress: planned, egress: planned },
          unknown: { id: true, vpc_id: true },
          expressions: { vpc_id: { references: ['aws_vpc.mn.id', 'aws_vpc.mn'] }, ...written ? { egress: [{}], ingress: [{}] } : {} },
        },
        {
          address: 'aws_network_acl_rule.out',
          type: 'aws_network_acl_rule',
          values: rule,
          unknown: { id: true, network_acl_id: true },
          expressions: { network_acl_id: { references: ['aws_network_acl.mn.id', 'aws_network_acl.mn'] } },
        },
      ];
      const name = (a: string) => a.split('.')[1];
      return {
        format_version: '1.2',
        planned_values: { root_module: { resources: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: name(r.address), values: r.values })) } },
        resource_changes: resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          type: r.type,
          name: name(r.address),
          change: dynamic && r.type === 'aws_network_acl' ? { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown }
            : { actions: ['update'], before: r.values, after: r.values, after_unknown: r.unknown },
        })),
        configuration: { root_module: { resources: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: name(r.address), expressions: r.expressions })) } },
      };
    };
    const reasons = (written: boolean, dynamic = false) => extractTerraformPlan(plan(written, dynamic)).unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`);
    expect(reasons(false)).toEqual([]);
    expect(reasons(true)).toEqual([`aws_network_acl_rule.out network_acl_id: ${conflict('egress')}`]);
    // Found by red team 36: entries of a dynamic block are inline too.
    expect(reasons(false, true)).toEqual([`aws_network_acl_rule.out network_acl_id: ${conflict('egress')}`]);
  });
});
