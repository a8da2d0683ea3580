import { SubnetPlan, SubnetRole } from './network-plan';
import { CidrAllocator, Ipv4Cidr } from '../model/cidr';

/**
 * Prefix length of the fixed-size role subnets. Workload subnets share half of the VPC; the other
 * half holds these. /28 is the smallest subnet AWS allows and is what TGW attachments and
 * Network Firewall endpoints need (AWS docs recommend a dedicated /28 for each).
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config.html
 */
const ROLE_PREFIX: Readonly<Record<Exclude<SubnetRole, SubnetRole.WORKLOAD>, number>> = {
  [SubnetRole.TERMINALS]: 0, // unused: terminals share the workload half (see layoutSubnets)
  [SubnetRole.ENDPOINTS]: 27, // one ENI per endpoint per AZ: room for ~25 endpoints
  [SubnetRole.PROXY]: 27, // proxy instances and the internal NLB's ENIs
  [SubnetRole.TRANSIT]: 28,
  [SubnetRole.FIREWALL]: 28,
  [SubnetRole.EGRESS]: 28, // NAT gateways only
};

/** Order in which roles are carved (largest first keeps every block aligned without gaps). */
const ROLE_ORDER: readonly SubnetRole[] = [
  SubnetRole.WORKLOAD, SubnetRole.TERMINALS, SubnetRole.ENDPOINTS, SubnetRole.PROXY, SubnetRole.TRANSIT, SubnetRole.FIREWALL, SubnetRole.EGRESS,
];

/**
 * Lay out the subnets of one segment VPC: per AZ, one subnet per role. Workload subnets together take
 * half of the VPC; where there are terminal subnets (α′ LGWAN), workload and terminal subnets take a quarter each,
 * workload first, so that servers keep the addresses they have in the other models. Deterministic: depends only on the CIDR, the AZ names and the role set.
 * Throws an Error naming the segment when the CIDR is too small.
 */
export function layoutSubnets(
  segmentLabel: string,
  vpcCidr: string,
  availabilityZones: readonly string[],
  roles: ReadonlySet<SubnetRole>,
  routeTableOf: (role: SubnetRole, azIndex: number) => string,
): SubnetPlan[] {
  const vpc = Ipv4Cidr.parse(vpcCidr);
  const azBits = Math.ceil(Math.log2(Math.max(availabilityZones.length, 1)));
  const workloadPrefix = vpc.prefixLength + 1 + azBits + (roles.has(SubnetRole.TERMINALS) ? 1 : 0);
  const allocator = new CidrAllocator(vpc);
  const subnets: SubnetPlan[] = [];
  try {
    for (const role of ROLE_ORDER) {
      if (!roles.has(role)) continue;
      const prefix = role === SubnetRole.WORKLOAD || role === SubnetRole.TERMINALS ? workloadPrefix : ROLE_PREFIX[role];
      availabilityZones.forEach((availabilityZone, azIndex) => {
        subnets.push({
          key: `${role}-${azIndex + 1}`,
          role,
          azIndex,
          availabilityZone,
          cidr: allocator.take(prefix).toString(),
          routeTable: routeTableOf(role, azIndex),
          mapPublicIpOnLaunch: false,
        });
      });
    }
  } catch (e) {
    throw new Error(
      `[${segmentLabel}] ${vpcCidr} is too small for ${availabilityZones.length} AZs × ${roles.size} subnet roles ` +
      `(${(e as Error).message}). Fix: give the segment a larger CIDR (e.g. a /20) or fewer availability zones.`,
    );
  }
  return subnets;
}
