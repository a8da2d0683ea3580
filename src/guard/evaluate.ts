import { AcknowledgedFinding, Acknowledgement, applyAcknowledgements } from './acknowledge';
import { checkTopology } from './check';
import { TopologyGraph } from './graph';
import { Finding, formatFinding } from './rule';
import { TopologyGuardOptions } from '../model/guard-options';

/** What one guarded stack's check found, in the form both engine adapters hand on. */
export interface GuardOutcome {
  /** Findings that refuse synthesis. */
  readonly blocking: Finding[];
  /** Findings accepted by an acknowledgement (never a critical one). */
  readonly acknowledged: AcknowledgedFinding[];
  /** The blocking findings as validation error lines. */
  readonly errors: string[];
  /** The warning lines for the acknowledged findings. */
  readonly warnings: string[];
  /** The JSON report written next to the synthesized output (stable key order). */
  readonly report: string;
}

/** Check a stack's graph and apply the acknowledgements made under it. Shared by the CDK and CDKTF adapters. */
export function evaluateTopology(stackName: string, graph: TopologyGraph, options: TopologyGuardOptions, acks: readonly Acknowledgement[]): GuardOutcome {
  const { blocking, acknowledged } = applyAcknowledgements(checkTopology(graph, options), acks);
  const report = {
    stack: stackName,
    engine: graph.engine,
    model: options.model,
    alphaPrimeCase: options.alphaPrimeCase,
    violations: blocking.map((f) => ({ ...f, text: formatFinding(f) })),
    acknowledged: acknowledged.map((a) => ({ ...a.finding, reason: a.reason, text: formatFinding(a.finding) })),
  };
  return {
    blocking,
    acknowledged,
    errors: blocking.map(formatFinding),
    warnings: acknowledged.map((a) => `acknowledged: ${formatFinding(a.finding)} Reason: ${a.reason}`),
    report: `${JSON.stringify(report, null, 2)}\n`,
  };
}

/** The report's file name next to the synthesized template / Terraform configuration. */
export function reportFileName(stackArtifactId: string): string {
  return `jichitai-guard-report.${stackArtifactId}.json`;
}
