import * as fs from 'fs';
import { CliError } from './io';
import { Acknowledgement, acknowledgementProblem } from '../guard/acknowledge';
import { parsePrefix, Prefix } from '../guard/address-space';
import { GraphNode, TopologyGraph } from '../guard/graph';
import { ALL_SEGMENTS, Segment, SEGMENT_TAG_KEY } from '../model/segment';

/**
 * How a matcher names VPCs and subnets (README "Command line", mapping file):
 * - `cidr:<block>` (or a bare IPv4/IPv6 block): every VPC whose primary block lies within it;
 * - `path:<glob>`: construct paths; the construct itself and everything under it;
 * - `id:<glob>`: CloudFormation logical IDs (with or without the `Stack/` prefix of a multi-stack cdk.out) and Terraform addresses;
 * - anything else is tried as both a path and an id.
 * In globs `*` matches within one path segment, `**` across segments, `?` one character.
 */
export interface SegmentMatcher {
  readonly segment: Segment;
  /** As written, for messages. */
  readonly text: string;
  /** Where it comes from and what it says, for messages: `segments.LGWAN[0] "cidr:10.0.64.0/18"` or `--segment LGWAN=cidr:10.0.64.0/18`. */
  readonly source: string;
  readonly kind: 'cidr' | 'path' | 'id' | 'name';
  readonly prefix?: Prefix;
  readonly glob?: RegExp;
}

/**
 * An acknowledgement of a mapping file: `stack` limits it to one stack of a run (a template's or Terraform file's findings
 * are named by logical ID or address, the same in every artifact checked together); `key` names it in messages.
 */
export interface MappingAcknowledgement extends Acknowledgement {
  readonly stack?: string;
  readonly key: string;
}

/** The mapping file, as documented in README "Command line". */
export interface CliMapping {
  readonly matchers: readonly SegmentMatcher[];
  readonly acknowledgements: readonly MappingAcknowledgement[];
}

const TOP_KEYS = ['$schema', 'segments', 'acknowledgements'];
const ACK_KEYS = ['rule', 'scope', 'reason', 'stack'];

/** Read and validate a mapping file; every problem at once, each naming the key and the fix. */
export function readMappingFile(file: string): CliMapping {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`--mapping ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it as JSON (${(e as Error).message})`}`);
  }
  return parseMapping(json, `--mapping ${file}`);
}

/** Validate a parsed mapping document. */
export function parseMapping(json: unknown, where: string): CliMapping {
  const problems: string[] = [];
  const matchers: SegmentMatcher[] = [];
  const acknowledgements: MappingAcknowledgement[] = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CliError(`${where}: the mapping must be a JSON object with "segments" and/or "acknowledgements"`);
  }
  const doc = json as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key)) problems.push(`${key}: unknown key; the mapping file has ${TOP_KEYS.map((k) => `"${k}"`).join(', ')}`);
  }
  if (doc.segments !== undefined) {
    if (doc.segments === null || typeof doc.segments !== 'object' || Array.isArray(doc.segments)) {
      problems.push(`segments: must be an object from segment (${ALL_SEGMENTS.join(', ')}) to a list of matchers`);
    } else {
      for (const [segment, list] of Object.entries(doc.segments as Record<string, unknown>)) {
        if (!(ALL_SEGMENTS as readonly string[]).includes(segment)) {
          problems.push(`segments.${segment}: not a segment; use ${ALL_SEGMENTS.join(', ')} (the values of the ${SEGMENT_TAG_KEY} tag)`);
          continue;
        }
        if (!Array.isArray(list)) {
          problems.push(`segments.${segment}: must be a list of matchers, e.g. ["cidr:10.0.0.0/16", "path:App/Network/MyNumber/**"]`);
          continue;
        }
        list.forEach((m, i) => {
          const key = `segments.${segment}[${i}]`;
          if (typeof m !== 'string') {problems.push(`${key}: must be a string matcher (cidr:, path: or id:)`);} else {
            const parsed = parseMatcher(segment as Segment, m, key, `${key} ${JSON.stringify(m)}`);
            if (typeof parsed === 'string') problems.push(parsed);
            else matchers.push(parsed);
          }
        });
      }
    }
  }
  if (doc.acknowledgements !== undefined) {
    if (!Array.isArray(doc.acknowledgements)) {
      problems.push('acknowledgements: must be a list of { "rule", "scope", "reason" }');
    } else {
      doc.acknowledgements.forEach((a, i) => {
        const key = `acknowledgements[${i}]`;
        if (a === null || typeof a !== 'object' || Array.isArray(a)) {
          problems.push(`${key}: must be an object { "rule", "scope", "reason" }`);
          return;
        }
        const ack = a as Record<string, unknown>;
        const before = problems.length;
        for (const k of Object.keys(ack)) if (!ACK_KEYS.includes(k)) problems.push(`${key}.${k}: unknown key; an acknowledgement has "rule", "scope", "reason" and optionally "stack"`);
        if (ack.stack !== undefined && (typeof ack.stack !== 'string' || ack.stack.trim() === '')) {
          problems.push(`${key}.stack: must be the name of a stack checked in the run (as the report names it), or left out`);
        }
        if (typeof ack.rule !== 'string') problems.push(`${key}.rule: must be a rule ID string, e.g. "AP-5"`);
        if (typeof ack.scope !== 'string') problems.push(`${key}.scope: must be a string: the construct path or Terraform address the acknowledgement covers (findings at or under it; "" for the whole artifact)`);
        if (typeof ack.reason !== 'string') problems.push(`${key}.reason: must be a string that says why the exception is acceptable`);
        if (problems.length > before) return;
        // The same checks as TopologyGuard.acknowledge: an unknown rule, a critical rule (never), a reason that says nothing.
        const problem = acknowledgementProblem(ack.rule as string, ack.reason as string);
        if (problem) {problems.push(`${key}: ${problem}`);} else {
          acknowledgements.push({
            ruleId: ack.rule as string,
            scopePath: (ack.scope as string).replace(/\/+$/, ''),
            reason: (ack.reason as string).trim(),
            key,
            ...(typeof ack.stack === 'string' ? { stack: ack.stack } : {}),
          });
        }
      });
    }
  }
  if (problems.length > 0) throw new CliError(`${where}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);
  return { matchers, acknowledgements };
}

/** `--segment SEGMENT=MATCHER` flags; every problem at once. */
export function parseSegmentFlags(flags: readonly string[]): SegmentMatcher[] {
  const problems: string[] = [];
  const out: SegmentMatcher[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const segment = eq < 0 ? '' : flag.slice(0, eq).trim().toUpperCase().replace(/-/g, '_');
    if (!(ALL_SEGMENTS as readonly string[]).includes(segment)) {
      problems.push(`--segment ${flag}: write SEGMENT=MATCHER with SEGMENT one of ${ALL_SEGMENTS.join(', ')}, e.g. --segment MY_NUMBER=cidr:10.0.0.0/16`);
      continue;
    }
    const parsed = parseMatcher(segment as Segment, flag.slice(eq + 1).trim(), `--segment ${flag}`, `--segment ${flag}`);
    if (typeof parsed === 'string') problems.push(parsed);
    else out.push(parsed);
  }
  if (problems.length > 0) throw new CliError(`--segment: ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);
  return out;
}

/** A matcher, or the problem with it. */
function parseMatcher(segment: Segment, text: string, key: string, source: string): SegmentMatcher | string {
  const m = /^(cidr|path|id):(.*)$/.exec(text);
  const kind = m ? m[1] as 'cidr' | 'path' | 'id' : undefined;
  const body = m ? m[2].trim() : text.trim();
  if (body === '') return `${key}: the matcher is empty; write cidr:<block>, path:<construct path glob> or id:<logical ID or Terraform address>`;
  if (kind === 'cidr' || (!kind && /^[0-9a-fA-F.:]+\/\d+$/.test(body))) {
    const prefix = parsePrefix(body);
    if (!prefix) return `${key}: "${body}" is not an address block; write it like 10.0.0.0/16`;
    return { segment, text, source, kind: 'cidr', prefix };
  }
  if (/[\s"'`]/.test(body)) return `${key}: "${body}" has white space or quotes, which no construct path, logical ID or Terraform address has`;
  return { segment, text, source, kind: kind ?? 'name', glob: globToRegExp(body) };
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') {re += '[^/]*';} else if (c === '?') {re += '[^/]';} else {re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');}
  }
  return new RegExp(`^${re}$`);
}

/** The names a VPC or subnet node answers to, for `id:` and `path:` matchers. */
function namesOf(node: GraphNode): { ids: string[]; paths: string[] } {
  const ids = [node.id];
  // In a multi-stack unit ids are `<stack>/<logical ID>`: the logical ID alone matches too.
  const slash = node.id.indexOf('/');
  if (slash > 0) ids.push(node.id.slice(slash + 1));
  const paths: string[] = [];
  if (node.path) {
    // A construct and everything under it: `App/Network` names `App/Network/Vpc/Resource` too.
    const parts = node.path.split('/');
    for (let i = parts.length; i > 0; i--) paths.push(parts.slice(0, i).join('/'));
  }
  return { ids, paths };
}

function matches(m: SegmentMatcher, node: GraphNode): boolean {
  if (m.kind === 'cidr') {
    if (node.type !== 'vpc' || !node.cidr) return false;
    const p = parsePrefix(node.cidr);
    return p !== undefined && p.family === m.prefix!.family && p.lo >= m.prefix!.lo && p.hi <= m.prefix!.hi;
  }
  const { ids, paths } = namesOf(node);
  const candidates = m.kind === 'id' ? ids : m.kind === 'path' ? paths : [...ids, ...paths];
  return candidates.some((c) => m.glob!.test(c));
}

/**
 * A new graph with the matched VPCs and subnets labelled (what the `jichitai:segment` tag would have said). Records
 * in `used` which matchers matched something; a node two matchers give different segments, or whose tag says another
 * segment, is a problem.
 */
export function applySegments(
  graph: TopologyGraph, matchers: readonly SegmentMatcher[], used: Set<SegmentMatcher>, problems: string[],
): TopologyGraph {
  if (matchers.length === 0) return graph;
  const nodes = new Map<string, GraphNode>();
  for (const [id, node] of graph.nodes) {
    if (node.type !== 'vpc' && node.type !== 'subnet') {
      nodes.set(id, node);
      continue;
    }
    const hits = matchers.filter((m) => matches(m, node));
    hits.forEach((m) => used.add(m));
    const segments = [...new Set(hits.map((m) => m.segment))];
    const name = node.path ? `${node.path} (${node.id})` : node.id;
    if (segments.length > 1) {
      problems.push(`${name}: mapped to ${hits.map((m) => `${m.segment} by ${m.source}`).join(' and ')}; a ${node.type} belongs to one segment, so narrow the matchers`);
      nodes.set(id, node);
      continue;
    }
    if (segments.length === 0) {
      nodes.set(id, node);
      continue;
    }
    const tag = node.tags[SEGMENT_TAG_KEY];
    if (tag !== undefined && tag !== segments[0]) {
      problems.push(`${name}: its ${SEGMENT_TAG_KEY} tag says ${tag} but ${hits[0].source} maps it to ${segments[0]}; fix the tag or the mapping, the guard does not choose`);
      nodes.set(id, node);
      continue;
    }
    nodes.set(id, { ...node, segment: segments[0] });
  }
  return { ...graph, nodes };
}
