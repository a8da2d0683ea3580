/**
 * Which part of a topology graph the design documents describe. A guarded stack of a CDK prefecture (a member joined to
 * the security cloud hub by cross-stack references) is judged on the graph of every stack connected to it, which holds
 * every other member too: its documents list and draw only its own nodes and those of the connected stacks nobody
 * guards (the hub's), while paths (a flow's route through the hub's transit gateway) are still followed through the
 * whole graph, and an element outside the scope that a listed one points at is still named.
 */
import { GraphNode, nodesOf, TopologyGraph } from '../guard/graph';

/** A stack whose nodes the documents describe: graph nodes are found by construct path or by stack-prefixed id. */
export interface DescribedStack {
  /** The stack's name (CloudFormation stack name, Terraform stack id): printed, and a prefix of its nodes' graph ids. */
  readonly name: string;
  /** The stack's construct path, the prefix of its nodes' construct paths. @default - the name */
  readonly path?: string;
}

/** Whether a node is described: every node without a scope, else one whose construct path or id lies in a stack. */
export type Describes = (n: GraphNode) => boolean;

/** Every node: the default, which `describedNodes` answers with the graph's own (cached) lists. */
export const EVERYTHING: Describes = () => true;

/** The test of `stacks` (undefined: everything). */
export function describesOf(stacks: readonly DescribedStack[] | undefined): Describes {
  if (stacks === undefined) return EVERYTHING;
  const prefixes = [...new Set(stacks.flatMap((s) => [s.name, s.path ?? s.name]).map((p) => `${p}/`))];
  const within = (where: string | undefined) => where !== undefined && prefixes.some((p) => where.startsWith(p));
  return (n) => within(n.path) || within(n.id);
}

/** The nodes of a type the documents describe, in the graph's order. */
export function describedNodes<K extends GraphNode['type']>(graph: TopologyGraph, type: K, describes: Describes): Extract<GraphNode, { type: K }>[] {
  // The subnet standing for a VPC's subnets outside the output (docs/guard-semantics.md §2) is the guard's, not a resource
  // of the design: not listed nor drawn.
  if (type === 'subnet') return nodesOf(graph, type).filter((n) => !(n as { outside?: boolean }).outside && describes(n));
  // No copy for the whole graph: the diagram asks for some lists once per subnet (a 100-member Terraform prefecture).
  return describes === EVERYTHING ? nodesOf(graph, type) : nodesOf(graph, type).filter(describes);
}
