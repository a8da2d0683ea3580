import { flowsTouching, ResolvedFlow, zoneOf } from './flows';
import { NaclEntryPlan, NetworkAclPlan, SecurityGroupPlan, SecurityGroupRulePlan, SubnetRole } from './network-plan';
import { HostDeclaration } from '../model/flows';
import { byCodePoint } from '../model/order';
import { Protocol } from '../model/port';
import { HOST_TAG_KEY, ROLE_TAG_KEY, Segment } from '../model/segment';

/** Ephemeral ports for the return leg through a stateless NACL (Linux and Windows ranges both fit). */
const EPHEMERAL = { fromPort: 1024, toPort: 65535 } as const;

/**
 * Default quota of NACL rules per direction; it can be raised to 40.
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-nacls
 */
export const NACL_RULES_PER_DIRECTION = 20;

/**
 * One security group per declared host of the segment, holding exactly the host's declared flows
 * (specific communication / screen transfer / sanitization): ingress from the peers' host CIDRs on the
 * flow's ports, egress to them. No "all traffic" rule, ever (MN-3).
 */
export function planHostSecurityGroups(segment: Segment, hosts: readonly HostDeclaration[], flows: readonly ResolvedFlow[]): SecurityGroupPlan[] {
  const zone = zoneOf(segment);
  const touching = flowsTouching(flows, zone);
  return hosts
    .filter((h) => h.zone === zone)
    .sort((a, b) => byCodePoint(a.name, b.name))
    .map((host) => {
      const ingress: SecurityGroupRulePlan[] = [];
      const egress: SecurityGroupRulePlan[] = [];
      for (const t of touching.filter((x) => x.local.name === host.name)) {
        for (const cidr of [...t.peer.cidrs].sort()) {
          for (const port of t.flow.flow.ports) {
            const rule = {
              cidr,
              protocol: port.protocol,
              fromPort: port.fromPort,
              toPort: port.toPort,
              description: `${t.flow.flow.kind} ${t.flow.flow.name}: ${t.flow.from.name} to ${t.flow.to.name} ${port}`,
            };
            (t.outbound ? egress : ingress).push(rule);
          }
        }
      }
      return {
        key: host.name,
        hostName: host.name,
        description: `Declared flows of ${host.name} only (jichitai-network)`,
        labels: { [HOST_TAG_KEY]: host.name, ...(host.role ? { [ROLE_TAG_KEY]: host.role } : {}) },
        ingress,
        egress,
      };
    });
}

/** The NACL entries of the My Number workload subnets per direction, before numbering (see `planMyNumberNacl`). */
export interface MyNumberNaclEntries {
  readonly inbound: Omit<NaclEntryPlan, 'ruleNumber'>[];
  readonly outbound: Omit<NaclEntryPlan, 'ruleNumber'>[];
}

/**
 * The entries `planMyNumberNacl` would number: intra-VPC traffic, the declared flows and their return legs, each once.
 * Validation counts them against the quota before anything is planned.
 */
export function myNumberNaclEntries(vpcCidr: string, flows: readonly ResolvedFlow[]): MyNumberNaclEntries {
  const inbound: Omit<NaclEntryPlan, 'ruleNumber'>[] = [
    { egress: false, protocol: 'all', cidr: vpcCidr, action: 'allow' },
  ];
  const outbound: Omit<NaclEntryPlan, 'ruleNumber'>[] = [
    { egress: true, protocol: 'all', cidr: vpcCidr, action: 'allow' },
  ];
  const seen = new Set<string>();
  const add = (list: typeof inbound, entry: Omit<NaclEntryPlan, 'ruleNumber'>) => {
    const id = JSON.stringify(entry);
    if (!seen.has(id)) { seen.add(id); list.push(entry); }
  };
  for (const t of flowsTouching(flows, zoneOf(Segment.MY_NUMBER))) {
    for (const cidr of [...t.peer.cidrs].sort()) {
      for (const port of t.flow.flow.ports) {
        const protocol = port.protocol === Protocol.TCP ? Protocol.TCP : Protocol.UDP;
        const service = { fromPort: port.fromPort, toPort: port.toPort };
        if (t.outbound) {
          add(outbound, { egress: true, protocol, cidr, ...service, action: 'allow' });
          add(inbound, { egress: false, protocol, cidr, ...EPHEMERAL, action: 'allow' });
        } else {
          add(inbound, { egress: false, protocol, cidr, ...service, action: 'allow' });
          add(outbound, { egress: true, protocol, cidr, ...EPHEMERAL, action: 'allow' });
        }
      }
    }
  }
  return { inbound, outbound };
}

/**
 * The My Number segment's NACL on its workload subnets: intra-VPC traffic, the declared flows and their return legs,
 * nothing else. A second, stateless line of defence for MN-1..MN-3. Validation refuses blueprints over the quota; this
 * throws only when called on an unvalidated one.
 */
export function planMyNumberNacl(vpcCidr: string, flows: readonly ResolvedFlow[]): NetworkAclPlan {
  const { inbound, outbound } = myNumberNaclEntries(vpcCidr, flows);
  for (const [direction, list] of [['inbound', inbound], ['outbound', outbound]] as const) {
    if (list.length > NACL_RULES_PER_DIRECTION) {
      throw new Error(
        `[myNumber] the declared flows need ${list.length} ${direction} NACL rules; the default quota is ${NACL_RULES_PER_DIRECTION}. ` +
        'Fix: group host CIDRs or ports in fewer flows, or raise the quota (up to 40) and open an issue to make the limit configurable.',
      );
    }
  }
  const number = (list: typeof inbound): NaclEntryPlan[] => list.map((e, i) => ({ ...e, ruleNumber: 100 + i * 10 }));
  return {
    subnetRoles: [SubnetRole.WORKLOAD],
    entries: [...number(inbound), ...number(outbound)],
  };
}
