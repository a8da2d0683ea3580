import { nodesOf } from '../graph';
import { nameOf } from '../probes';
import { ALL_MODELS, Finding, GuardRule, Severity } from '../rule';

/** LOG-1: flow logs on every segment VPC, alert and flow logs on every firewall. */
export const LOG1: GuardRule = {
  id: 'LOG-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'ログ管理',
  summary: 'Flow logs (all traffic) on every segment VPC; alert and flow logs on every firewall.',
  check(ctx) {
    const findings: Finding[] = [];
    const add = (id: string, message: string, fix: string) =>
      findings.push({ ruleId: this.id, severity: this.severity, term: this.term, path: nameOf(ctx.graph, id), message, hops: [], fix });
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
    return findings;
  },
};
