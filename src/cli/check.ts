import { Command, Option } from 'commander';
import { ArtifactKind, CheckedStack } from './artifacts';
import { judgedScope, withModelOptions } from './blueprint';
import { FORMATS, OutputFormat, render } from './formats';
import { CliIo, EXIT, writeAtomic } from './io';
import { checkMappingAcknowledgements, JudgedAcknowledgements, loadJudged, mappingAcknowledgementsFor, withLoadOptions } from './load';
import { evaluateTopology, GuardOutcome } from '../guard/evaluate';
import { TopologyGraph } from '../guard/graph';
import { HubEvidenceRecord } from '../guard/hub-evidence';
import { GuardLanguage, TopologyGuardOptions } from '../model/guard-options';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';

/** One stack's verdict. */
export interface StackResult {
  readonly input: string;
  readonly kind: ArtifactKind;
  readonly stack: CheckedStack;
  readonly graph: TopologyGraph;
  readonly outcome: GuardOutcome;
  /** What the security cloud hub's evidence (`--hub`) bound, when it was given. */
  readonly hubEvidence?: HubEvidenceRecord;
}

/** Everything a format renders. */
export interface CheckRun {
  readonly options: TopologyGuardOptions;
  readonly results: readonly StackResult[];
  /** The blueprint file whose flows and hosts were checked, if one was given. */
  readonly blueprint?: string;
}


interface CheckFlags {
  readonly model?: NetworkModel;
  readonly blueprint?: string;
  readonly case?: AlphaPrimeCase;
  readonly mapping?: string;
  readonly segment: string[];
  readonly format: OutputFormat;
  readonly output?: string;
  readonly stack: string[];
  readonly language?: string;
  readonly hub?: string;
  readonly hubOutputs?: string;
}

/** Register `check` on the program; `setExit` receives the command's exit code. */
export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program.command('check')
    .summary('judge synthesized artifacts against a network model (exit 0 compliant, 1 findings, 2 unusable input)')
    .description('Judge CloudFormation or Terraform artifacts built anywhere against the MIC three-layer separation (三層の対策) of a network model.\n\n'
      + 'ARTIFACT is a cdk.out directory (every stack of its manifest, cross-stack references followed), one CloudFormation '
      + 'template JSON, a cdk.tf.json, a cdktf.out directory, or the JSON of a Terraform plan (terraform show -json PLANFILE) of any configuration.\n'
      + 'Segments come from the jichitai:segment tags, or from --mapping / --segment without retagging.\n\n'
      + 'Exit codes: 0 every stack complies; 1 blocking findings; 2 unusable input (unreadable, unknown kind, bad flags or '
      + 'mapping, nothing to check).')
    .argument('<artifact...>', 'cdk.out directory, template JSON, cdk.tf.json, cdktf.out directory or Terraform plan JSON');
  withLoadOptions(withModelOptions(command), 'check only the stacks of these names (glob, * and ?; repeatable); default: every stack')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--output <file>', 'write the report to FILE (atomically) instead of standard output')
    .action((artifacts: string[], flags: CheckFlags) => {
      setExit(runCheck(artifacts, flags, io));
    });
}

/** The check command's work; returns the exit code. */
export function runCheck(artifacts: readonly string[], flags: CheckFlags, io: CliIo): number {
  const { options, scope, blueprint } = judgedScope(flags);
  const { units, acknowledgements: acks } = loadJudged(artifacts, flags);

  const results: StackResult[] = [];
  const judged: JudgedAcknowledgements[] = [];
  for (const u of units) {
    for (const stack of u.stacks) {
      // Another stack of the artifact holds the network (checked above): a stack without one is no GUARD-1 finding.
      const all = [...mappingAcknowledgementsFor(acks, stack.name), ...u.artifact.acknowledgements ?? []];
      const outcome = evaluateTopology(stack.name, u.graph, options, all,
        { reports: stack.reports, emptyIsError: false, hubEvidence: u.hubEvidence, ...scope });
      results.push({ input: u.artifact.input, kind: u.artifact.kind, stack, graph: u.graph, outcome, hubEvidence: u.hubEvidence });
      judged.push({ stack: stack.name, acknowledged: outcome.acknowledged, own: u.artifact.acknowledgements ?? [] });
    }
  }
  checkMappingAcknowledgements(acks, judged, io);
  const run: CheckRun = { options, results, blueprint };
  const text = render(flags.format, run);
  if (flags.output) {
    writeAtomic(flags.output, text);
    if (flags.format !== 'text') io.stderr(summaryLine(run));
  } else {
    io.stdout(text);
  }
  return results.some((r) => r.outcome.blocking.length > 0) ? EXIT.FINDINGS : EXIT.COMPLIANT;
}

/** One line for the terminal when the report goes to a file. */
export function summaryLine(run: CheckRun): string {
  const blocking = run.results.reduce((n, r) => n + r.outcome.blocking.length, 0);
  const failed = run.results.filter((r) => r.outcome.blocking.length > 0).length;
  if (run.options.language === GuardLanguage.JAPANESE) {
    return blocking === 0
      ? `jichitai-network: ${run.results.length} スタックが ${run.options.model} に準拠\n`
      : `jichitai-network: ${run.results.length} スタック中 ${failed} スタックに、合成を止める指摘 ${blocking} 件\n`;
  }
  return blocking === 0
    ? `jichitai-network: ${run.results.length} stack(s) comply with ${run.options.model}\n`
    : `jichitai-network: ${blocking} blocking finding(s) in ${failed} of ${run.results.length} stack(s)\n`;
}
