import { NetworkModel } from '../../model/network-model';
import { nodesOf } from '../graph';
import { ALL_MODELS, finding, Finding, GuardContext, GuardRule, Severity } from '../rule';
import { nameOf } from '../topology';

/** β and β′ require log management with a SIEM (seed 000; REQUIREMENTS.md §2). */
const SIEM_MODELS: readonly NetworkModel[] = [NetworkModel.BETA, NetworkModel.BETA_PRIME];

/**
 * A destination is the declared SIEM sink when it is named by ARN / name from outside the synthesized output
 * (`logging.siemBucketArn`); a bucket created next to the network renders as `{s3-bucket}` and is only an archive.
 */
const external = (destination: string | undefined) => destination !== undefined && !destination.includes('{');

function siemFindings(ctx: GuardContext, add: (id: string, message: string, fix: string) => void): void {
  const fix = 'deliver the log to the SIEM\'s ingestion bucket (logging.siemBucketArn), as β/β′ require (ログ管理, SIEM)';
  for (const vpc of nodesOf(ctx.graph, 'vpc').filter((v) => v.segment !== undefined)) {
    const logs = nodesOf(ctx.graph, 'flow-log').filter((l) => l.resource.kind === 'node' && l.resource.id === vpc.id && l.trafficType === 'ALL');
    if (logs.length > 0 && !logs.some((l) => external(l.destination))) {
      add(vpc.id, `the flow log of the ${vpc.segment} VPC goes to ${logs.map((l) => l.destination ?? l.destinationType).join(', ')}, not to a SIEM sink`, fix);
    }
  }
  for (const fw of nodesOf(ctx.graph, 'firewall')) {
    const destinations = nodesOf(ctx.graph, 'firewall-logging').filter((l) => l.firewall.kind === 'node' && l.firewall.id === fw.id).flatMap((l) => l.destinations);
    const local = destinations.filter((d) => !external(d.destination));
    if (local.length > 0) add(fw.id, `firewall ${fw.id} sends ${local.map((d) => `${d.logType} logs to ${d.destination ?? d.destinationType}`).join(', ')}, not to a SIEM sink`, fix);
  }
}

/** LOG-1: flow logs on every segment VPC, alert and flow logs on every firewall. */
export const LOG1: GuardRule = {
  id: 'LOG-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'ログ管理',
  summary: 'Flow logs (all traffic) on every segment VPC; alert and flow logs on every firewall; in β/β′ all of them delivered to the declared SIEM sink.',
  check(ctx) {
    const findings: Finding[] = [];
    const add = (id: string, message: string, fix: string) =>
      findings.push(finding(this, nameOf(ctx.graph, id), message, fix));
    const logged = new Set(nodesOf(ctx.graph, 'flow-log').filter((l) => l.trafficType === 'ALL' && l.resource.kind === 'node').map((l) => (l.resource as { id: string }).id));
    for (const vpc of nodesOf(ctx.graph, 'vpc').filter((v) => v.segment !== undefined)) {
      if (!logged.has(vpc.id)) add(vpc.id, `the ${vpc.segment} VPC has no flow log of all traffic`, 'add a VPC flow log with TrafficType ALL to the log bucket or the SIEM sink');
    }
    for (const fw of nodesOf(ctx.graph, 'firewall')) {
      const types = new Set(nodesOf(ctx.graph, 'firewall-logging')
        .filter((l) => l.firewall.kind === 'node' && l.firewall.id === fw.id)
        .flatMap((l) => l.destinations.map((d) => d.logType)));
      const missing = ['ALERT', 'FLOW'].filter((t) => !types.has(t));
      if (missing.length > 0) add(fw.id, `firewall ${fw.id} does not log ${missing.join(' and ')}`, 'add a logging configuration with ALERT and FLOW destinations');
    }
    if (SIEM_MODELS.includes(ctx.model)) siemFindings(ctx, add);
    return findings;
  },
};
