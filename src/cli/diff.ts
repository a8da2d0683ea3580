import { Command, Option } from 'commander';
import { judgedScope } from './blueprint';
import { CliError, CliIo, EXIT } from './io';
import { JudgedUnit, LoadFlags, loadJudged, withLoadOptions } from './load';
import { diffReachability, formatChange, ReachabilityChange } from '../guard/diff';
import { visible } from '../guard/display';
import { UnresolvedValue } from '../guard/graph';

interface DiffFlags extends LoadFlags {
  readonly format: 'text' | 'json';
  readonly blueprint?: string;
}

/** Register `diff`: what a change opens and closes between segments, zones and the internet. */
export function registerDiff(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program.command('diff')
    .summary('list the reachability a change opens or closes between segments, external zones and the internet (for pull-request review)')
    .description('Compare the reachability of two artifacts (before and after a change, or the CloudFormation and the Terraform render of '
      + 'one network): every packet that one of them carries from a segment or an external zone (LGWAN WAN, security cloud) to '
      + 'another segment, zone or the internet and the other does not, as lines such as\n'
      + '  opens MY_NUMBER 10.0.0.0/20 → LGWAN 10.0.64.10/32 tcp/443\n'
      + 'The comparison is exact (every address, protocol and port) and engine-neutral (no logical IDs or Terraform addresses), '
      + 'so two renders of the same network diff to nothing. When an artifact holds several independent stacks, they are paired by '
      + 'stack name (use --stack to pick one).\n\n'
      + 'What the guard cannot read in <after> and not in <before> (a nested stack, a value known only after deployment) may open '
      + 'anything: each is listed as "unresolved" and counts as a change (fail closed).\n\n'
      + 'Exit codes: 0 no change; 1 something is opened or closed, or <after> adds what the guard cannot read; 2 unusable input.')
    .argument('<before>', 'cdk.out directory, template JSON, cdk.tf.json, cdktf.out directory or Terraform plan JSON')
    .argument('<after>', 'the same kinds; the engine may differ from <before>')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--blueprint <file>', 'the blueprint (JSON of MunicipalNetworkBlueprintProps): its declared hosts are named in the entries'));
  withLoadOptions(command, 'compare only the stacks of these names, on both sides (glob, * and ?; repeatable); default: every stack')
    .action((before: string, after: string, flags: DiffFlags) => { setExit(runDiff(before, after, flags, io)); });
}

/** The diff command's work; returns the exit code. */
export function runDiff(before: string, after: string, flags: DiffFlags, io: CliIo): number {
  const hosts = flags.blueprint === undefined ? [] : judgedScope({ blueprint: flags.blueprint }).scope.hosts ?? [];
  const a = loadJudged([before], flags).units;
  const b = loadJudged([after], flags).units;
  const pairs = pair(a, b, before, after);
  const results = pairs.map(([x, y]) => ({
    before: label(x),
    after: label(y),
    changes: diffReachability(x.graph, y.graph, { hosts }),
    unresolved: addedUnresolved(x.graph.unresolved, y.graph.unresolved),
  }));
  const changes = results.reduce((n, r) => n + r.changes.length + r.unresolved.length, 0);
  if (flags.format === 'json') {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const r of results) {
      const head = results.length > 1 || r.before !== r.after ? `${r.before} → ${r.after}: ` : '';
      const said = r.changes.length === 0 ? 'no change in reachability' : summary(r.changes);
      io.stdout(visible(`${head}${said}${r.unresolved.length > 0 ? `; ${r.unresolved.length} value(s) the guard cannot read added (GUARD-1)` : ''}`) + '\n');
      for (const c of r.changes) io.stdout(`  ${formatChange(c)}\n`);
      for (const u of r.unresolved) io.stdout(`${visible(`  unresolved ${u.node} ${u.property}: ${u.reason}`)}\n`);
    }
  }
  return changes > 0 ? EXIT.FINDINGS : EXIT.COMPLIANT;
}

/**
 * The values the guard cannot read in the after side that the before side does not hold (by resource, property and
 * reason): each may open anything the reachability above does not show, so the diff cannot say "no change" (fail closed).
 */
function addedUnresolved(before: readonly UnresolvedValue[], after: readonly UnresolvedValue[]): UnresolvedValue[] {
  const key = (u: UnresolvedValue) => `${u.node}\u0000${u.property}\u0000${u.reason}`;
  const known = new Set(before.map(key));
  const seen = new Set<string>();
  return after.filter((u) => !known.has(key(u)) && !seen.has(key(u)) && seen.add(key(u)) !== undefined)
    .map((u) => ({ node: u.node, property: u.property, reason: u.reason }));
}

function summary(changes: readonly ReachabilityChange[]): string {
  const opens = changes.filter((c) => c.change === 'opens').length;
  return `${opens} opened, ${changes.length - opens} closed`;
}

const label = (u: JudgedUnit) => u.stacks.map((s) => s.name).join(' + ');

/**
 * The graphs to compare: one on each side, or, for artifacts of several independent stacks, those whose stack names
 * match. Anything left unpaired is an error: a stack compared with nothing would hide what it opens.
 */
function pair(a: readonly JudgedUnit[], b: readonly JudgedUnit[], before: string, after: string): [JudgedUnit, JudgedUnit][] {
  if (a.length === 1 && b.length === 1) return [[a[0], b[0]]];
  const byName = new Map(b.map((u) => [label(u), u]));
  const pairs: [JudgedUnit, JudgedUnit][] = [];
  const problems: string[] = [];
  for (const u of a) {
    const match = byName.get(label(u));
    if (match) {
      pairs.push([u, match]);
      byName.delete(label(u));
    } else {
      problems.push(`${label(u)} of ${before} has no stack of the same name in ${after}`);
    }
  }
  for (const name of byName.keys()) problems.push(`${name} of ${after} has no stack of the same name in ${before}`);
  if (problems.length > 0) {
    throw new CliError(`cannot pair the stacks of ${before} (${a.length}) and ${after} (${b.length}); pick one on each side with --stack NAME`, problems);
  }
  return pairs;
}
