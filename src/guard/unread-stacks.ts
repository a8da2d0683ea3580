/**
 * Stacks of a guarded app that no guard reads (semantics §10, GUARD-1).
 *
 * The guard reads a guarded stack together with the stacks it shares references with. A stack of the same app that is
 * neither guarded nor linked to a guarded one is deployed with it but never read: given the My Number VPC's id through
 * an SSM parameter, a hand-written `Fn::ImportValue` or a Terraform data source, it can attach an internet gateway to
 * that VPC and route to it. Such a stack is read on its own here; if it names anything outside itself — a reference the
 * guard cannot follow, a literal id, a value it cannot resolve — it may be changing a guarded network, and the app is
 * refused until it is guarded too or linked to the guarded stacks. A stack that names nothing outside itself (its own
 * VPC, a bucket) changes no network the guard reads, and is left alone.
 */
import { TopologyGraph } from './graph';
import { Finding, Severity } from './rule';
import { propertyPath } from './unreadable';

/**
 * Literal ids of the networking resources a stack can name from outside itself (`vpc-…`, `subnet-…`, `rtb-…`, …), the
 * forms the EC2 API gives them. Source: Amazon EC2 API Reference, the id of each resource type.
 */
export const LITERAL_ID = /^(?:vpc|subnet|rtb|igw|eigw|nat|tgw|tgw-attach|tgw-rtb|pcx|vgw|cgw|eni|sg|acl|pl|vpce|vpce-svc|lgw|lgw-rtb|cagw|eipalloc|eipassoc)-[0-9a-f]{8,17}$/;

/**
 * The values of `resources` (`[id, properties]`) that name something outside their stack, by `outside` (a text for
 * such a value, else undefined and the walk goes inside it): `<id> <property path> → <text>`, in order.
 */
export function namedOutside(resources: readonly [string, unknown][], outside: (v: string | object) => string | undefined): string[] {
  const out: string[] = [];
  for (const [id, properties] of resources) {
    const keys: (string | number)[] = [];
    const walk = (v: unknown): void => {
      if (typeof v !== 'string' && (typeof v !== 'object' || v === null)) return;
      const text = outside(v);
      if (text !== undefined) {
        out.push(`${id} ${propertyPath(keys)} → ${text}`);
        return;
      }
      if (typeof v === 'string') return;
      for (const [k, x] of Object.entries(v)) {
        keys.push(Array.isArray(v) ? Number(k) : k);
        walk(x);
        keys.pop();
      }
    };
    walk(properties);
  }
  return out;
}

/** At most this many of a stack's outside references are named in its finding. */
const LISTED = 5;

/**
 * What a stack no guard reads names outside itself: first `named` (what the engine's scan of its properties found:
 * `<resource> <property> → <value>`), then what reading it left outside its graph and `named` does not already say —
 * `<resource> <property>` for a value it cannot resolve, `<node> <field> → <id>` for a literal id, `<node> <field>` for
 * a reference it cannot follow; in order, each once.
 */
export function outsideReferences(named: readonly string[], graph: TopologyGraph): string[] {
  const out = [...named];
  const said = new Set(named.map((n) => n.split(' → ')[0]));
  const add = (where: string, text: string) => {
    if (!said.has(where)) out.push(text);
    said.add(where);
  };
  for (const u of graph.unresolved) add(`${u.node} ${u.property}`, `${u.node} ${u.property}`);
  for (const node of graph.nodes.values()) {
    for (const [field, value] of Object.entries(node)) {
      const found = refsIn(value, 0);
      if (found.length > 0) add(`${node.id} ${field}`, `${node.id} ${field}${found.some((f) => f !== '') ? ` → ${found.filter((f) => f !== '').join(', ')}` : ''}`);
    }
  }
  return out;
}

/**
 * The references in a node's property that point outside the graph: a literal id (its value), or what the guard cannot
 * resolve (`''`: its expression is worded in English, and the property names it well enough).
 */
function refsIn(value: unknown, depth: number): string[] {
  if (typeof value !== 'object' || value === null || depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((v) => refsIn(v, depth + 1));
  const v = value as { kind?: unknown; value?: unknown; expression?: unknown };
  if (v.kind === 'external' && typeof v.value === 'string') return [v.value];
  if (v.kind === 'unresolved' && typeof v.expression === 'string') return [''];
  if (depth > 0 && Object.getPrototypeOf(value) !== Object.prototype) return [];
  return Object.values(value).flatMap((x) => refsIn(x, depth + 1));
}

/** The finding (GUARD-1) for a stack of the app that no guard reads and that names `references` outside itself. */
export function unreadStackFinding(stack: string, references: readonly string[]): Finding {
  const listed = references.slice(0, LISTED).join('; ');
  const more = references.length - LISTED;
  const apply = 'TopologyGuard.apply(stack, { model })';
  return {
    ruleId: 'GUARD-1',
    severity: Severity.CRITICAL,
    term: '三層の対策',
    path: stack,
    hops: [],
    message: `stack ${stack} is deployed with the guarded stacks, but no guard reads it (it is not guarded and shares no reference `
      + `with a guarded stack), and it names what lies outside itself, which may be a guarded network: ${listed}${more > 0 ? `; and ${more} more` : ''}`,
    fix: `guard it too (${apply}, its VPCs labelled with their segment), or refer to the guarded stacks' resources directly `
      + '(cross-stack references) so that the guard reads them together, or move it to an app of its own',
    ja: {
      message: `スタック ${stack} はガード対象のスタックと一緒にデプロイされるが、どのガードも読まない（ガード対象でなく、ガード対象のスタックとの参照もない）。`
        + `そのスタックは自身の外にあるもの（ガード対象のネットワークかもしれない）を指している: ${listed}${more > 0 ? `、ほか ${more} 件` : ''}`,
      fix: `このスタックもガードする（${apply}。VPC には系のラベルを付ける）か、ガード対象のスタックのリソースを直接参照して（スタック間の参照）`
        + '一緒に読ませるか、別のアプリに移す',
    },
  };
}
