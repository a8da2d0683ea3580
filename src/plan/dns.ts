import { sortedUnique, toDnsFirewallDomain } from './domain-syntax';
import { DnsFirewallPlan, DnsForwardingPlan } from './network-plan';
import { Segment } from '../model/segment';

/**
 * Domains every segment must resolve to use AWS: service endpoints (private DNS of interface
 * endpoints resolves `<service>.<region>.amazonaws.com`) and EC2 private host names.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-hostnames
 */
export const AWS_DOMAINS: readonly string[] = ['amazonaws.com', '*.amazonaws.com', '*.compute.internal'];

/**
 * Route 53 Resolver DNS Firewall rules of a segment. MY_NUMBER and LGWAN are closed: allow the
 * listed domains, block everything else (`*`, NXDOMAIN). INTERNET resolves through the security cloud
 * (a forwarding rule, `planDnsForwarding`) and only blocks what is listed; with the built-in stand-in (`standIn`) the
 * VPC resolver itself is the stand-in's filtered resolver (IN-2), so its DNS Firewall fails closed: no resolution is
 * better than unfiltered resolution when the filter is unavailable.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html
 */
export function planDnsFirewall(segment: Segment, allowed: readonly string[], blocked: readonly string[], standIn = false): DnsFirewallPlan {
  if (segment === Segment.INTERNET) {
    const blockList = sortedUnique(blocked.map(toDnsFirewallDomain));
    return {
      failOpen: !standIn,
      rules: blockList.length > 0 ? [{ name: 'blocked', priority: 100, action: 'BLOCK', domains: blockList }] : [],
    };
  }
  return {
    // Closed segments fail closed: no resolution is better than unfiltered resolution.
    failOpen: false,
    rules: [
      { name: 'allowed', priority: 100, action: 'ALLOW', domains: sortedUnique([...AWS_DOMAINS, ...allowed].map(toDnsFirewallDomain)) },
      { name: 'everything-else', priority: 200, action: 'BLOCK', domains: ['*'] },
    ],
  };
}

/**
 * The Internet segment's forwarding of every name (`.`) to the security cloud's DNS resolvers (IN-2): a Route 53
 * Resolver outbound endpoint with one address in each endpoint subnet (AWS requires two or more, in different AZs for
 * availability), a FORWARD rule for `.` to the resolvers on port 53, and the rule's association with the VPC.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html
 */
export function planDnsForwarding(targets: readonly string[], endpointSubnetKeys: readonly string[]): DnsForwardingPlan {
  return { domainName: '.', targets: [...targets], port: DNS_PORT, endpointSubnetKeys: [...endpointSubnetKeys] };
}

/** DNS over UDP and TCP (RFC 1035 §4.2; TCP for large answers, RFC 7766). */
export const DNS_PORT = 53;
