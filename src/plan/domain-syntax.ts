/**
 * Our domain notation (`host.example.com` exact, `*.example.com` subdomains only) translated to each
 * product's syntax. Kept in one place so that Network Firewall, DNS Firewall and Squid never disagree.
 */

/**
 * AWS Network Firewall domain list: a leading dot matches subdomains ("Specify `.example.com` to
 * match all subdomains of example.com"), an exact name matches that host.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 */
export function toNetworkFirewallDomain(domain: string): string {
  return domain.startsWith('*.') ? domain.slice(1) : domain;
}

/**
 * Route 53 Resolver DNS Firewall: `*.example.com` matches subdomains, `*` matches everything.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-domain-lists.html
 */
export function toDnsFirewallDomain(domain: string): string {
  return domain;
}

/** Sorted, de-duplicated copy. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
