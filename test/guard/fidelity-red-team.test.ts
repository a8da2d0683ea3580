/**
 * Red team 50 (guideline fidelity): for the non-path rules, the smallest input the requirement forbids whose letter the
 * guard's rule might be laxer than, fed to both engines' readers as the examples' synthesized output changed by hand.
 */
import { checkTopology } from '../../src/guard/check';
import { CloudFormationTemplate, extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { Finding, Severity } from '../../src/guard/rule';
import { exampleBlueprint, untouchedCdk, untouchedTf } from '../support/untouched';

type Engine = 'cloudformation' | 'terraform';
const ENGINES: Engine[] = ['cloudformation', 'terraform'];

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** All findings of the example `name` after `edit` changed its synthesized output (a copy), in one engine. */
function findingsOf(engine: Engine, name: string, edit: (resources: Record<string, any>) => void): Finding[] {
  const blueprint = exampleBlueprint(name);
  const options = { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase };
  if (engine === 'cloudformation') {
    const untouched = untouchedCdk(name);
    const template = clone(untouched.template);
    edit(template.Resources);
    const graph = extractCloudFormation({ [untouched.stackName]: template as CloudFormationTemplate });
    return checkTopology(graph, options, { hosts: untouched.hosts, flows: untouched.flows });
  }
  const untouched = untouchedTf(name);
  const config = clone(untouched.config);
  edit(config.resource);
  const graph = extractTerraform({ [untouched.stackId]: config as TerraformJson });
  return checkTopology(graph, options, { flows: untouched.flows });
}

/** The breakout's FQDN allow-list targets, in either engine's output. */
function setAllowList(engine: Engine, targets: string[]) {
  return (resources: Record<string, any>) => {
    if (engine === 'cloudformation') {
      const lists = Object.values<any>(resources).filter((r) => r.Type === 'AWS::NetworkFirewall::RuleGroup'
        && r.Properties?.RuleGroup?.RulesSource?.RulesSourceList?.GeneratedRulesType === 'ALLOWLIST');
      if (lists.length === 0) throw new Error('test setup: no allow-list');
      lists[0].Properties.RuleGroup.RulesSource.RulesSourceList.Targets = targets;
      return;
    }
    const lists = Object.values<any>(resources.aws_networkfirewall_rule_group ?? {})
      .filter((r) => r.rule_group?.rules_source?.rules_source_list?.generated_rules_type === 'ALLOWLIST');
    if (lists.length === 0) throw new Error('test setup: no allow-list');
    lists[0].rule_group.rules_source.rules_source_list.targets = targets;
  };
}

describe('AP-2: no bare "*" and no TLD-wide wildcard, whatever is acknowledged for the ISMAP-listed services of one\'s own', () => {
  // An acknowledgement of AP-2 covers every finding of the rule under its scope (src/guard/acknowledge.ts): one given for
  // an own ISMAP-listed service on the allow-list would also cover a wildcard over a public suffix next to it, which the
  // requirement forbids outright. So the syntax findings are critical, as AP-5's certificate findings are.
  test.each(ENGINES)('%s: the own service stays an error; ".co.jp", ".lg.jp", ".tokyo.jp", upper case, a trailing dot and "*" are critical', (engine) => {
    const wild = ['.co.jp', '.lg.jp', '.tokyo.jp', '.CO.JP', '.com.', '*', '.xn--zckzah', '.*.jp'];
    const found = findingsOf(engine, 'alpha-prime', setAllowList(engine, ['login.microsoftonline.com', '.files.example.jp', ...wild]))
      .filter((f) => f.ruleId === 'AP-2');
    const own = found.filter((f) => f.message.startsWith('allow-list entry ".files.example.jp"'));
    expect(own.map((f) => f.severity)).toEqual([Severity.ERROR]);
    for (const entry of wild) {
      const about = found.filter((f) => f.message.startsWith(`allow-list entry "${entry}"`));
      expect({ entry, severities: about.map((f) => f.severity) }).toEqual({ entry, severities: [Severity.CRITICAL] });
    }
  });
});
