import { ALL_V4, ALL_V6, parsePrefix, Prefix } from '../address-space';
import { deref, LoadBalancerNode, nodesOf, Ref, rulesOf, SecurityGroupNode, SecurityGroupRule, SubnetNode, TopologyGraph, UserDataNode } from '../graph';
import { proxyConfigs } from './breakout-controls';
import { nameOf } from '../topology';

/**
 * Who may use a forward proxy (semantics §7, forward proxies): a host that can connect to it reaches what it relays to,
 * whatever its own subnet's routes say. The guard bounds the clients by the security groups in front of the proxy:
 * the groups of the instances its launch template or instance starts, admitting on its `http_port`s, and, where those
 * admit the subnets of a load balancer, the clients that load balancer's groups admit (a load balancer passes its
 * clients on, with their address or its own). What it cannot bound counts as every address (fail closed).
 */
export interface ProxyClients {
  /** The proxy's user-data node. */
  readonly proxy: UserDataNode;
  /** The address blocks admitted, when bounded. */
  readonly blocks: readonly Prefix[];
  /** Why every address counts as a client, when the guard cannot bound them. */
  readonly everywhere?: string;
  /** Which groups admit what, for the message (`sg-x tcp/3128 from 10.0.80.0/24`). */
  readonly admitted: readonly string[];
}

const EVERY_ADDRESS = [ALL_V4, ALL_V6];

/** The ports a Squid configuration listens on (`http_port [addr:]port …`, `https_port`); undefined when one cannot be read. */
function listeningPorts(text: string): number[] | undefined {
  const ports: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*https?_port\s+(\S+)/.exec(line);
    if (!m) continue;
    const port = Number(/(?:^|:)(\d+)$/.exec(m[1])?.[1]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
    ports.push(port);
  }
  return ports.length > 0 ? ports : undefined;
}

/** Whether a rule admits TCP on one of `ports` (all ports when undefined). */
function admitsPort(rule: SecurityGroupRule, ports: readonly number[] | undefined): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  if (!ports) return true;
  return ports.some((p) => (rule.fromPort ?? 0) <= p && p <= (rule.toPort ?? 65535));
}

/**
 * What the ingress rules of `groups` admit on `ports`: their CIDR blocks, or why every address counts (a peer group,
 * whose members the guard does not follow, or a group it cannot read).
 */
function admittedBy(
  graph: TopologyGraph, groups: readonly Ref[], ports: readonly number[] | undefined, into: { blocks: Prefix[]; admitted: string[] },
): string | undefined {
  for (const ref of groups) {
    const group = deref<SecurityGroupNode>(graph, ref);
    if (group?.type !== 'security-group') return `security group ${ref.kind === 'node' ? ref.id : ref.kind === 'external' ? ref.value : ref.expression} is not in the synthesized output, so whom it admits cannot be read`;
    for (const rule of rulesOf(graph, group, false).filter((r) => admitsPort(r, ports))) {
      if (rule.peerGroup !== undefined) {
        return `security group ${group.id} admits the members of another security group, which the guard does not follow`;
      }
      const block = parsePrefix(rule.cidr);
      if (!block) return `security group ${group.id} admits ${rule.cidr ?? (rule.prefixList ? `prefix list ${rule.prefixList}` : 'a peer')}, which the guard cannot read as addresses`;
      into.blocks.push(block);
      into.admitted.push(`${nameOf(graph, group.id)} ${rule.protocol === '-1' ? 'all traffic' : `tcp/${rule.fromPort ?? 0}-${rule.toPort ?? 65535}`} from ${rule.cidr}`);
    }
  }
  return undefined;
}

const overlaps = (a: Prefix, b: Prefix) => a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;

/** The clients of every forward proxy (Squid configuration) in the graph. */
export function proxyClients(graph: TopologyGraph): ProxyClients[] {
  return proxyConfigs(graph).map(({ node }) => clientsOf(graph, node));
}

function clientsOf(graph: TopologyGraph, proxy: UserDataNode): ProxyClients {
  const bounded = { blocks: [] as Prefix[], admitted: [] as string[] };
  const unbounded = (everywhere: string): ProxyClients => ({ proxy, blocks: EVERY_ADDRESS, everywhere, admitted: bounded.admitted });
  if (proxy.otherInterfaces) return unbounded('its instances use a network interface given by id, whose security groups the guard does not read');
  if (proxy.securityGroups.length === 0) return unbounded('its instances name no security group (the default group of whatever VPC they start in applies)');
  const ports = listeningPorts(proxy.text);
  const problem = admittedBy(graph, proxy.securityGroups, ports, bounded);
  if (problem) return unbounded(problem);
  // A load balancer whose subnets the proxy admits relays its own clients (any listener port: the guard does not pair
  // listeners with target groups). One whose subnets cannot be read may be anywhere.
  const direct = [...bounded.blocks];
  for (const lb of nodesOf(graph, 'load-balancer')) {
    const subnets = lb.subnets.map((r) => deref<SubnetNode>(graph, r));
    const where = subnets.some((s) => s?.type !== 'subnet' || s.cidr === undefined)
      ? EVERY_ADDRESS : subnets.map((s) => parsePrefix(s!.cidr)!).filter((p) => p !== undefined);
    if (!where.some((w) => direct.some((d) => overlaps(w, d)))) continue;
    const lbProblem = balancerClients(graph, lb, bounded);
    if (lbProblem) return unbounded(lbProblem);
  }
  return { proxy, blocks: bounded.blocks, admitted: bounded.admitted };
}

function balancerClients(graph: TopologyGraph, lb: LoadBalancerNode, into: { blocks: Prefix[]; admitted: string[] }): string | undefined {
  if (lb.securityGroups.length === 0) return `load balancer ${lb.id} in front of it has no security group, so it admits every client`;
  return admittedBy(graph, lb.securityGroups, undefined, into);
}

/** Who the proxy admits, for a finding: its groups' rules, or why every address counts. */
export function clientsText(clients: ProxyClients): string {
  return clients.everywhere ? `every address counts as its client (${clients.everywhere}; fail closed)` : `its security groups admit ${clients.admitted.join('; ')}`;
}

/** Whether any of `cidrs` may be a client of the proxy. */
export function mayUse(clients: ProxyClients, cidrs: readonly string[]): boolean {
  return cidrs.map((c) => parsePrefix(c)).some((p) => p === undefined || clients.blocks.some((b) => overlaps(b, p)));
}
