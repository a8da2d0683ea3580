import { sortedUnique, toDnsFirewallDomain } from './domain-syntax';
import { DnsFirewallPlan } from './network-plan';
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
 * and only blocks what is listed.
 */
export function planDnsFirewall(segment: Segment, allowed: readonly string[], blocked: readonly string[]): DnsFirewallPlan {
  if (segment === Segment.INTERNET) {
    const blockList = sortedUnique(blocked.map(toDnsFirewallDomain));
    return {
      failOpen: true,
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
