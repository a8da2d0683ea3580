import { Command } from 'commander';
import { CheckUnit, LoadedArtifact, loadArtifact } from './artifacts';
import { CliError, CliIo } from './io';
import { applySegments, CliMapping, MappingAcknowledgement, parseSegmentFlags, readMappingFile, SegmentMatcher } from './mapping';
import { Acknowledgement, acknowledgementOf } from '../guard/acknowledge';
import { nodesOf } from '../guard/graph';
import { Finding } from '../guard/rule';
import { byCodePoint } from '../model/order';

/** The flags every command that reads artifacts shares: where segments come from, and which stacks. */
export interface LoadFlags {
  /** A mapping file (segments and acknowledgements). */
  readonly mapping?: string;
  /** `SEGMENT=MATCHER` flags. */
  readonly segment: readonly string[];
  /** Stack name globs; none: every stack. */
  readonly stack: readonly string[];
  /** The security cloud hub's artifact and deployed outputs, for a member synthesized without its hub (every command). */
  readonly hub?: string;
  readonly hubOutputs?: string;
  /** The account Terraform plans deploy to, where a plan cannot say (MN-5 reads its literal account IDs as the own account). */
  readonly account?: string;
}

/** One graph of an artifact, with the segment mapping applied, and the stacks reported from it. */
export interface JudgedUnit extends CheckUnit {
  readonly artifact: LoadedArtifact;
}

/**
 * Read the artifacts, keep the stacks `--stack` names, and label their graphs with the mapping; every problem of the
 * mapping is reported at once. Nothing to check is never a pass (GUARD-1): an artifact with no VPC or subnet, or none
 * labelled with a segment, is an unusable input (exit 2).
 */
export function loadJudged(
  artifacts: readonly string[], flags: LoadFlags,
): { units: JudgedUnit[]; acknowledgements: readonly MappingAcknowledgement[] } {
  const file: CliMapping = flags.mapping ? readMappingFile(flags.mapping) : { matchers: [], acknowledgements: [] };
  const matchers: SegmentMatcher[] = [...file.matchers, ...parseSegmentFlags(flags.segment)];

  const patterns = flags.stack.map((p) => ({ p, re: new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`) }));
  const picked = new Set<string>();
  const selected = (name: string) => {
    const hits = patterns.filter((x) => x.re.test(name));
    hits.forEach((x) => picked.add(x.p));
    return patterns.length === 0 || hits.length > 0;
  };
  if ((flags.hub === undefined) !== (flags.hubOutputs === undefined)) {
    throw new CliError('--hub and --hub-outputs go together', [flags.hub === undefined
      ? '--hub-outputs is given without --hub: give the hub app\'s cdk.out (or cdk.tf.json) with --hub'
      : '--hub is given without --hub-outputs: give the hub\'s deployed outputs (cdk deploy --outputs-file, or terraform output -json) with --hub-outputs']);
  }
  const hub = flags.hub === undefined ? undefined : { artifact: flags.hub, outputs: flags.hubOutputs!, artifactFlag: '--hub', outputsFlag: '--hub-outputs' };
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) {
    throw new CliError(`--account ${flags.account} is not a 12-digit AWS account ID`, ['give the account the Terraform plan deploys to, e.g. --account 111122223333']);
  }
  const loaded = artifacts.map((a) => loadArtifact(a, selected, hub, flags.account));
  if (flags.account !== undefined && !loaded.some((a) => a.kind === 'terraform-plan')) {
    throw new CliError('--account applies to Terraform plans only', ['a synthesized template or configuration names the deploying account by reference (AWS::AccountId, '
      + 'the caller identity); remove --account, or give the plan (terraform show -json)']);
  }
  const unpicked = patterns.filter((x) => !picked.has(x.p)).map((x) => `--stack ${x.p} names no stack of the artifacts; correct it or remove it`);
  if (unpicked.length > 0) throw new CliError('--stack: a pattern names no stack', unpicked);
  const used = new Set<SegmentMatcher>();
  const problems: string[] = [];
  const units = loaded.flatMap((a) => a.units.map((u) => ({
    artifact: a, stacks: u.stacks, graph: applySegments(u.graph, matchers, used, problems), hubEvidence: u.hubEvidence,
  })));
  for (const m of matchers) {
    if (!used.has(m)) problems.push(`${m.source} matches no VPC or subnet of the artifacts; correct it or remove it (a mapping that labels nothing would leave a segment unguarded)`);
  }
  if (problems.length > 0) throw new CliError(`the segment mapping cannot be applied: ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);

  for (const a of loaded.filter((x) => patterns.length === 0 || x.units.length > 0)) {
    const graphs = units.filter((u) => u.artifact === a).map((u) => u.graph);
    const networks = graphs.flatMap((g) => [...nodesOf(g, 'vpc'), ...nodesOf(g, 'subnet')]);
    if (networks.length === 0) {
      throw new CliError(`${a.input}: holds no VPC and no subnet: there is nothing to check, which is not a pass (GUARD-1, 三層の対策). Check the artifact that holds the network`);
    }
    if (!networks.some((n) => n.segment !== undefined)) {
      throw new CliError(`${a.input}: no VPC or subnet has a segment (no valid jichitai:segment tag, no mapping): the guard cannot tell which rules protect what. `
        + 'Map the VPCs with --mapping FILE or --segment MY_NUMBER=cidr:10.0.0.0/16 (LGWAN=..., INTERNET=...), or tag them jichitai:segment');
    }
  }
  const names = new Set(units.flatMap((u) => u.stacks.map((s) => s.name)));
  const strays = file.acknowledgements.filter((a) => a.stack !== undefined && !names.has(a.stack))
    .map((a) => `${a.key}.stack "${a.stack}" names no stack checked in this run (${[...names].sort(byCodePoint).join(', ')}); correct it or remove the acknowledgement`);
  if (strays.length > 0) throw new CliError(`--mapping: ${strays.length === 1 ? 'an acknowledgement names' : 'acknowledgements name'} no stack of the run`, strays);
  return { units, acknowledgements: file.acknowledgements };
}

/** The mapping file's acknowledgements that apply to a stack: those naming it, and those naming no stack. */
export function mappingAcknowledgementsFor(acks: readonly MappingAcknowledgement[], stack: string): MappingAcknowledgement[] {
  return acks.filter((a) => a.stack === undefined || a.stack === stack);
}

/** What one stack's judgement acknowledged, and the acknowledgements its artifact records itself. */
export interface JudgedAcknowledgements {
  readonly stack: string;
  readonly acknowledged: readonly { finding: Finding }[];
  readonly own: readonly Acknowledgement[];
}

/**
 * After every stack is judged: a mapping acknowledgement that names no stack and covers findings of more than one stack
 * is refused (a template's or Terraform file's findings are named by logical ID or address, the same in every artifact
 * of the run: one written for city A would silence city B's), and one that covers no finding is reported, so that a stale
 * or misspelt exception does not wait silently for a finding to hide. Outside auditor, red team 38.
 */
export function checkMappingAcknowledgements(acks: readonly MappingAcknowledgement[], judged: readonly JudgedAcknowledgements[], io: CliIo): void {
  const stacksOf = new Map<MappingAcknowledgement, Set<string>>();
  for (const j of judged) {
    const applying = [...mappingAcknowledgementsFor(acks, j.stack), ...j.own];
    for (const a of j.acknowledged) {
      const ack = acknowledgementOf(a.finding, applying);
      if (ack && acks.includes(ack as MappingAcknowledgement)) {
        const set = stacksOf.get(ack as MappingAcknowledgement) ?? new Set<string>();
        set.add(j.stack);
        stacksOf.set(ack as MappingAcknowledgement, set);
      }
    }
  }
  const shared = acks.filter((a) => a.stack === undefined && (stacksOf.get(a)?.size ?? 0) > 1)
    .map((a) => `${a.key} (${a.ruleId} at "${a.scopePath}") covers findings of ${[...stacksOf.get(a)!].sort(byCodePoint).join(', ')}: `
      + 'name the stack it is for ("stack": "<name>"), one acknowledgement per stack, so that a reason written for one is not applied to another');
  if (shared.length > 0) throw new CliError('--mapping: an acknowledgement without "stack" covers findings of several stacks checked together', shared);
  for (const a of acks.filter((x) => !stacksOf.has(x))) {
    io.stderr(`jichitai-network: warning: ${a.key} (${a.ruleId} at "${a.scopePath}"${a.stack !== undefined ? ` in ${a.stack}` : ''}) covers no finding: `
      + 'remove it, or correct its rule, scope or stack\n');
  }
}

const repeat = (v: string, prev: string[]) => [...prev, v];

/**
 * Add `--mapping`, `--segment`, `--stack`, `--hub` and `--hub-outputs` (the `LoadFlags`) to a command: every command that
 * reads artifacts reads a member synthesized without its hub the same way, so that `explain`, `diff` and `docs` see the
 * network `check` judged.
 */
export function withLoadOptions(command: Command, stackHelp: string): Command {
  return command
    .option('--mapping <file>', 'JSON file mapping construct paths, logical IDs, Terraform addresses or VPC CIDRs to segments, and acknowledgements')
    .option('--segment <SEGMENT=MATCHER>', 'map VPCs/subnets to a segment, e.g. MY_NUMBER=cidr:10.0.0.0/16 (repeatable)', repeat, [] as string[])
    .option('--stack <name>', stackHelp, repeat, [] as string[])
    .option('--hub <artifact>', 'a member synthesized without its security cloud hub: the hub app\'s cdk.out or template (AWS CDK), or its cdk.tf.json / cdktf.out (CDKTF)')
    .option('--hub-outputs <file>', 'the hub\'s deployed outputs (cdk deploy --outputs-file, or terraform output -json), which bind the member\'s literal hub IDs')
    .option('--account <id>', 'the AWS account a Terraform plan deploys to, where the plan cannot say (offline): its literal account IDs in endpoint policies are the own account (MN-5)');
}
