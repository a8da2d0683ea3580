/**
 * The comparison the property test, the regression replay and scripts/fuzz.ts share: render a network for its engine,
 * run the guard, and compare its verdicts for the oracle's rules (ORACLE_RULES: MN-1, MN-2, LG-1, MN-3, MN-4, SC-1, and
 * GUARD-1's path part as 'GUARD-1/unplaced', PL-1 for the roles of launchers and launch templates) with the oracle's, and
 * GUARD-1 at each tag resource and launcher ('GUARD-1/label <id>', §3).
 * The guard runs with model ALPHA (LG-1 and MN-4 apply to it; MN-1, MN-2, MN-3 and SC-1 to every model).
 *
 * This file (not the oracle) is the one place that imports the guard.
 */
import * as fc from 'fast-check';
import { networkArbitrary } from './generate';
import { Engine, groupTagId, Network } from './network';
import { ORACLE_RULES, OracleRule, runOracle } from './oracle';
import { launcherLogicalId, launchTemplateLogicalId, renderCloudFormation } from './render-cfn';
import { launcherAddress, launcherTagAddress, launchTemplateAddress, renderTerraform, tagResourceName } from './render-tf';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';

export interface Comparison {
  readonly agree: boolean;
  readonly oracle: OracleRule[];
  readonly guard: OracleRule[];
  /** The guard's findings for the compared rules (and GUARD-1), for reading a disagreement. */
  readonly guardFindings: string[];
}

const sorted = (s: Iterable<OracleRule>) => [...s].sort();

/**
 * SC-1 also holds conditions that are not paths (§10), which the oracle does not decide: with a hub, a VPC other than
 * the hub's without a code (the generator makes a hub in one network of eight, and most of its other VPCs carry no
 * code); and a hub Squid proxy that relays between members (the generator makes no proxy). Only SC-1's path findings
 * count — a member subnet's arrival at another member or at an unknown end, "a subnet of member <code> reaches subnet …
 * / may reach every other member". The findings left out are named here one by one: an SC-1 finding of any other form
 * still counts, so that a new kind shows up as a disagreement instead of vanishing.
 */
const SC1_PATH = /^a subnet of member \S+ (reaches subnet|may reach every other member)/;
const SC1_NOT_A_PATH: readonly RegExp[] = [
  // With a hub, a VPC other than the hub's without a code.
  /^the VPC joins a security cloud but carries no municipality code/,
];
/**
 * Service relay findings (§14: data AWS services carry with no packet, IAM grants) are no path of §1–§10: the relays
 * oracle (./relays-oracle.ts) judges them. Here they arise where an instance of the network runs with a launch template
 * the guard cannot read (a literal name): its instance profile may grant anything, Systems Manager commands on the
 * other instances included.
 */
const RELAY_FINDING = /through AWS services that deliver it on their own/;

function sc1NotAPath(f: { ruleId: string; message: string }): boolean {
  return f.ruleId === 'SC-1' && !SC1_PATH.test(f.message) && SC1_NOT_A_PATH.some((re) => re.test(f.message));
}

/**
 * GUARD-1's path part (§10, last clause: what enters at an unplaced entry, §5, reaches My Number or LGWAN) is compared as
 * the pseudo-rule 'GUARD-1/unplaced'. The guard words these findings "traffic entering through <entry> reaches … / may
 * reach …"; every other GUARD-1 finding (unresolved values, bridges, …) is not the oracle's and stays out, as before.
 */
const UNPLACED_PREFIX = 'traffic entering through ';
function unplacedPath(f: { ruleId: string; message: string }): boolean {
  return f.ruleId === 'GUARD-1' && f.message.startsWith(UNPLACED_PREFIX);
}

/**
 * GUARD-1 at a tag resource (§3: an ambiguous label, an untied target) is compared as 'GUARD-1/label <id>', the tag resource
 * named by its id in the network: every GUARD-1 finding located at an `aws_ec2_tag` counts, so that one the oracle does not
 * expect (a Name tag, a tied label set one way) shows up as a disagreement.
 */
const TAG_RESOURCE_PATH = /^aws_ec2_tag\.([^./[\s]+)$/;
function labelVerdicts(net: Network, findings: readonly { ruleId: string; path?: string }[]): OracleRule[] {
  const byName = new Map((net.tagResources ?? []).map((t) => [tagResourceName(t.id), t.id]));
  // §3 launch templates: GUARD-1 at a launcher (its own role and its template's differ) and at a group's tag resource.
  const tf = net.engine === 'terraform';
  const byPath = new Map<string, string>();
  for (const t of net.launchTemplates ?? []) byPath.set(tf ? launchTemplateAddress(t.id) : launchTemplateLogicalId(t.id), t.id);
  for (const l of net.launchers ?? []) {
    byPath.set(tf ? launcherAddress(l) : launcherLogicalId(l), l.id);
    if (tf && l.kind !== 'fleet') byPath.set(launcherTagAddress(l), groupTagId(l.id));
  }
  const out: OracleRule[] = [];
  for (const f of findings) {
    if (f.ruleId !== 'GUARD-1' || f.path === undefined) continue;
    const launcher = byPath.get(f.path);
    const m = TAG_RESOURCE_PATH.exec(f.path);
    if (launcher !== undefined) out.push(`GUARD-1/label ${launcher}`);
    else if (m) out.push(`GUARD-1/label ${byName.get(m[1]) ?? `(unknown ${m[1]})`}`);
  }
  return out;
}

/** The guard's verdicts for the compared rules on a rendered network. */
export function guardVerdicts(net: Network): { verdicts: Set<OracleRule>; findings: string[] } {
  const graph = net.engine === 'cloudformation'
    ? extractCloudFormation({ Oracle: renderCloudFormation(net) as never })
    : extractTerraform({ oracle: renderTerraform(net) as never });
  const findings = checkTopology(graph, { model: NetworkModel.ALPHA });
  const wanted = new Set<string>([...ORACLE_RULES, 'GUARD-1']);
  const relevant = findings.filter((f) => wanted.has(f.ruleId) && !sc1NotAPath(f) && !RELAY_FINDING.test(f.message));
  const verdicts = new Set(relevant.map((f) => f.ruleId).filter((id): id is OracleRule => (ORACLE_RULES as readonly string[]).includes(id)));
  if (relevant.some(unplacedPath)) verdicts.add('GUARD-1/unplaced');
  for (const v of labelVerdicts(net, findings as readonly { ruleId: string; path?: string }[])) verdicts.add(v);
  return {
    verdicts,
    findings: relevant.map((f) => `${f.ruleId}${(f as { path?: string }).path ? ` at ${(f as { path?: string }).path}` : ''}: `
      + `${(f as unknown as { message?: string }).message ?? JSON.stringify(f)}`),
  };
}

export function compare(net: Network): Comparison {
  const oracle = sorted(runOracle(net).verdicts);
  const g = guardVerdicts(net);
  const guard = sorted(g.verdicts);
  return { agree: oracle.join() === guard.join(), oracle, guard, guardFindings: g.findings };
}

/** A readable report of one disagreement: the network as JSON (paste it into regressions.ts) and both verdicts. */
export function describeDisagreement(net: Network, c: Comparison = compare(net)): string {
  const explained = runOracle(net, { explain: true });
  return [
    `oracle: [${c.oracle.join(', ')}]   guard: [${c.guard.join(', ')}]`,
    'oracle reasons:',
    ...explained.reasons.map((r) => `  ${r}`),
    'guard findings:',
    ...c.guardFindings.map((f) => `  ${f}`),
    'network:',
    JSON.stringify(net),
  ].join('\n');
}

export interface RunOptions {
  readonly engine: Engine;
  readonly cases: number;
  readonly seed: number;
  /** Called with progress lines (tally, the shrunk case). */
  readonly log: (line: string) => void;
  /** Log a progress line every this many cases. */
  readonly progressEvery?: number;
}

export interface RunResult {
  readonly cases: number;
  readonly disagreements: number;
  readonly seconds: number;
  /** The shrunk first disagreement, if any. */
  readonly shrunk?: { net: Network; comparison: Comparison; report: string };
  readonly tally: string;
}

/**
 * Run the comparison on `cases` generated networks. Every case is compared (so that the tally counts every
 * disagreement), then the first disagreeing case is replayed with fc.assert (same seed, its path) and shrunk.
 */
export function runProperty(opts: RunOptions): RunResult {
  if (opts.cases <= 0) {
    const tally = `oracle property (${opts.engine}): 0 cases, seed ${opts.seed}`;
    opts.log(tally);
    return { cases: 0, disagreements: 0, seconds: 0, tally };
  }
  const arb = networkArbitrary(opts.engine);
  const start = Date.now();
  let index = 0;
  let disagreements = 0;
  let first: number | undefined;
  fc.assert(fc.property(arb, (net) => {
    const c = compare(net);
    if (!c.agree) {
      disagreements++;
      first ??= index;
    }
    index++;
    if (opts.progressEvery && index % opts.progressEvery === 0 && index < opts.cases) {
      opts.log(`  ${opts.engine}: ${index} cases, ${disagreements} disagreements, ${(index / ((Date.now() - start) / 1000)).toFixed(1)} cases/s`);
    }
    return true;
  }), { seed: opts.seed, numRuns: opts.cases });
  const seconds = (Date.now() - start) / 1000;
  const tally = `oracle property (${opts.engine}): ${opts.cases} cases, ${disagreements} disagreements, seed ${opts.seed}, `
    + `${(opts.cases / seconds).toFixed(1)} cases/s`;
  opts.log(tally);
  const base = { cases: opts.cases, disagreements, seconds, tally };
  if (first === undefined) return base;

  // Replay the first disagreement and let fast-check shrink it; the last failing value is the shrunk one.
  let last: { net: Network; comparison: Comparison } | undefined;
  try {
    fc.assert(fc.property(arb, (net) => {
      const c = compare(net);
      if (!c.agree) last = { net, comparison: c };
      return c.agree;
    }), { seed: opts.seed, numRuns: opts.cases, path: String(first), endOnFailure: false });
  } catch {
    // Expected: the replayed case fails. The report below is more useful than fast-check's.
  }
  if (!last) {
    opts.log(`(case ${first} did not fail again when replayed)`);
    return base;
  }
  const report = describeDisagreement(last.net, last.comparison);
  opts.log(`first disagreement (case ${first}), shrunk:\n${report}`);
  return { ...base, shrunk: { ...last, report } };
}
