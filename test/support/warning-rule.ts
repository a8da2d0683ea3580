import { GuardRule, Severity } from '../../src/guard/rule';
import { ALL_RULES } from '../../src/guard/rules';
import { NetworkModel } from '../../src/model/network-model';

/**
 * No shipped rule has warning severity today (REQUIREMENTS.md §3: every rule refuses or is acknowledged), yet the guard
 * must emit warnings correctly for when one does. This test-only rule warns about every VPC of an α network, so that the
 * warning path (CDK warning with its stable ID, CDKTF stderr line, `cdk synth --strict`) can be exercised for real.
 */
export const TEST_WARNING_RULE: GuardRule = {
  id: 'TEST-W1',
  severity: Severity.WARNING,
  models: [NetworkModel.ALPHA],
  summary: 'test-only rule: warns about every VPC',
  term: '三層の対策',
  check: (ctx) => [...ctx.graph.nodes.values()].filter((n) => n.type === 'vpc')
    .map((n) => ({ ruleId: 'TEST-W1', severity: Severity.WARNING, term: '三層の対策', path: n.path ?? n.id, message: 'test warning', hops: [], fix: 'none' })),
};

/** Add the test rule to the guard's rules (in this process); returns the function that removes it. */
export function addTestWarningRule(): () => void {
  (ALL_RULES as GuardRule[]).push(TEST_WARNING_RULE);
  return () => {
    const at = ALL_RULES.indexOf(TEST_WARNING_RULE);
    if (at >= 0) (ALL_RULES as GuardRule[]).splice(at, 1);
  };
}
