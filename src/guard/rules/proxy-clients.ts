import { ALL_V4, ALL_V6, parsePrefix, Prefix } from '../address-space';
import { AutoScalingGroupNode, deref, groupBy, LoadBalancerNode, nodesOf, Ref, rulesOf, SecurityGroupNode, SecurityGroupRule, SubnetNode, TopologyGraph, UserDataNode } from '../graph';
import { proxyConfigs } from './breakout-controls';
import { oncePer } from '../memo';
import { bi, Bilingual } from '../rule';
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
  readonly everywhere?: Bilingual;
  /** Which groups admit what, for the message (`sg-x tcp/3128 from 10.0.80.0/24`). */
  readonly admitted: readonly Bilingual[];
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
  graph: TopologyGraph, groups: readonly Ref[], ports: readonly number[] | undefined, into: { blocks: Prefix[]; admitted: Bilingual[] },
): Bilingual | undefined {
  for (const ref of groups) {
    const group = deref<SecurityGroupNode>(graph, ref);
    if (group?.type !== 'security-group') {
      const id = ref.kind === 'node' ? ref.id : ref.kind === 'external' ? ref.value : ref.expression;
      return bi(`security group ${id} is not in the synthesized output, so whom it admits cannot be read`, `セキュリティグループ ${id} が合成結果になく、何を受け入れるか読めない`);
    }
    for (const rule of rulesOf(graph, group, false).filter((r) => admitsPort(r, ports))) {
      if (rule.peerGroup !== undefined) {
        return bi(`security group ${group.id} admits the members of another security group, which the guard does not follow`,
          `セキュリティグループ ${group.id} が別のセキュリティグループのメンバーを受け入れていて、ガードはそれを追跡しない`);
      }
      const block = parsePrefix(rule.cidr);
      if (!block) {
        return bi(`security group ${group.id} admits ${rule.cidr ?? (rule.prefixList ? `prefix list ${rule.prefixList}` : 'a peer')}, which the guard cannot read as addresses`,
          `セキュリティグループ ${group.id} が ${rule.cidr ?? (rule.prefixList ? `プレフィックスリスト ${rule.prefixList}` : '相手')} を受け入れていて、ガードはそれをアドレスとして読めない`);
      }
      into.blocks.push(block);
      const what = rule.protocol === '-1' ? undefined : `tcp/${rule.fromPort ?? 0}-${rule.toPort ?? 65535}`;
      into.admitted.push(bi(`${nameOf(graph, group.id)} ${what ?? 'all traffic'} from ${rule.cidr}`, `${nameOf(graph, group.id)} が ${rule.cidr} からの${what ? ` ${what}` : 'すべての通信'}`));
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
  const bounded = { blocks: [] as Prefix[], admitted: [] as Bilingual[] };
  const unbounded = (everywhere: Bilingual): ProxyClients => ({ proxy, blocks: EVERY_ADDRESS, everywhere, admitted: bounded.admitted });
  if (proxy.otherInterfaces) {
    return unbounded(bi('its instances use a network interface given by id, whose security groups the guard does not read',
      'プロキシのインスタンスが ID で指定したネットワークインターフェースを使っていて、ガードはそのセキュリティグループを読まない'));
  }
  if (proxy.securityGroups.length === 0) {
    return unbounded(bi('its instances name no security group (the default group of whatever VPC they start in applies)',
      'プロキシのインスタンスにセキュリティグループの指定がない（起動した VPC のデフォルトセキュリティグループが適用される）'));
  }
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

function balancerClients(graph: TopologyGraph, lb: LoadBalancerNode, into: { blocks: Prefix[]; admitted: Bilingual[] }): Bilingual | undefined {
  if (lb.securityGroups.length === 0) {
    return bi(`load balancer ${lb.id} in front of it has no security group, so it admits every client`,
      `前段のロードバランサー ${lb.id} にセキュリティグループがなく、すべてのクライアントを受け入れる`);
  }
  return admittedBy(graph, lb.securityGroups, undefined, into);
}

/** Who the proxy admits, for a finding: its groups' rules, or why every address counts. */
export function clientsText(clients: ProxyClients): Bilingual {
  return clients.everywhere
    ? bi(`every address counts as its client (${clients.everywhere.en}; fail closed)`, `すべてのアドレスをクライアントとみなす（${clients.everywhere.ja}。フェイルクローズ）`)
    : bi(`its security groups admit ${clients.admitted.map((a) => a.en).join('; ')}`, `セキュリティグループの受け入れ: ${clients.admitted.map((a) => a.ja).join('、')}`);
}

/** Whether any of `cidrs` may be a client of the proxy. */
export function mayUse(clients: ProxyClients, cidrs: readonly string[]): boolean {
  return cidrs.map((c) => parsePrefix(c)).some((p) => p === undefined || clients.blocks.some((b) => overlaps(b, p)));
}

/** The Auto Scaling groups that launch a proxy's launch template (as theirs, or as a mixed-instances override's). */
export function proxyLaunchers(graph: TopologyGraph, proxy: UserDataNode): AutoScalingGroupNode[] {
  return [...(launchersByTemplate(graph).get(proxy.id) ?? [])];
}

/** The Auto Scaling groups by the launch template node they launch (theirs or an override's), once per graph: asked per proxy. */
const launchersByTemplate = oncePer((graph: TopologyGraph): ReadonlyMap<string, readonly AutoScalingGroupNode[]> =>
  groupBy(nodesOf(graph, 'auto-scaling-group'), (a) => [a.launchTemplate, ...a.overrides].flatMap((t) => (t.kind === 'node' ? [t.id] : []))));

/**
 * The subnets a proxy's instances run in: the instance's own, or those of the Auto Scaling groups that start its launch
 * template. Undefined when the guard cannot read them all (the proxy may run anywhere).
 */
export function proxySubnets(graph: TopologyGraph, proxy: UserDataNode): SubnetNode[] | undefined {
  const refs = proxy.resourceType === 'instance' ? proxy.subnets ?? [] : proxyLaunchers(graph, proxy).flatMap((a) => a.subnets);
  const subnets = refs.map((r) => deref<SubnetNode>(graph, r));
  return refs.length > 0 && subnets.every((x) => x?.type === 'subnet') ? subnets as SubnetNode[] : undefined;
}
