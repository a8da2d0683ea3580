/**
 * Found by the unreadable-value sweep (seed 20261304): a labelled resource (`jichitai:role`) whose tags the guard cannot
 * read — the whole list or map given by a parameter or variable, or the label's value given by one — was read as
 * unlabelled, so the rules that judge labels (PL-1 here) never saw it: a My Number system in the default VPC passed.
 * Now what may be a label and cannot be read is unresolved (GUARD-1, fail closed), in both engines; a tag that is no
 * label (`Name`) given by an expression is not.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

const ROLE = 'jichitai:role';

/** An instance in the LGWAN subnet with `tags`, beside the two segments. */
function cfn(tags: unknown): Record<string, any> {
  return {
    Parameters: { Role: { Type: 'String' }, Tags: { Type: 'CommaDelimitedList' } },
    Resources: { ...myNumberAndLgwan(), Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'LgSub' }, Tags: tags } } },
  };
}

function tf(tags: unknown): TerraformJson {
  return {
    variable: { role: { type: 'string' }, tags: { type: 'map(string)' } },
    resource: { ...myNumberAndLgwanTf(), aws_instance: { host: { ami: 'ami-12345678', subnet_id: '${aws_subnet.lg.id}', tags } } },
  } as TerraformJson;
}

/** GUARD-1 and PL-1 findings, `rule property` for GUARD-1. */
function verdicts(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'GUARD-1' || f.ruleId === 'PL-1')
    .map((f) => `${f.ruleId} ${f.message.split(':')[0]}`).sort();
}

describe('labels the guard cannot read are unresolved (GUARD-1)', () => {
  test('CloudFormation: the whole Tags list, an entry, or the role value given by a parameter', () => {
    for (const tags of [{ Ref: 'Tags' }, [{ 'Fn::If': ['C', { Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }, { Ref: 'AWS::NoValue' }] }], [{ Key: ROLE, Value: { Ref: 'Role' } }]]) {
      const found = checkTopology(extractCloudFormation({ s: cfn(tags) }), { model: NetworkModel.ALPHA });
      expect(found.filter((f) => f.ruleId === 'GUARD-1' && /Host/.test(f.path) && /Tags/.test(f.message)).length).toBeGreaterThan(0);
    }
  });

  test('Terraform: the whole tags map or the role value given by a variable', () => {
    for (const tags of ['${var.tags}', { [ROLE]: '${var.role}' }]) {
      const found = checkTopology(extractTerraform({ s: tf(tags) }), { model: NetworkModel.ALPHA });
      expect(found.filter((f) => f.ruleId === 'GUARD-1' && /aws_instance\.host/.test(f.path) && /tags/.test(f.message)).length).toBeGreaterThan(0);
    }
  });

  test('controls: a readable role is judged by PL-1, and a Name tag given by an expression is no label', () => {
    expect(verdicts(extractCloudFormation({ s: cfn([{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }, { Key: 'Name', Value: { Ref: 'AWS::StackName' } }]) })))
      .toEqual([expect.stringMatching(/^PL-1 /)]);
    expect(verdicts(extractTerraform({ s: tf({ [ROLE]: 'MY_NUMBER_SYSTEM', Name: '${var.role}-host' }) }))).toEqual([expect.stringMatching(/^PL-1 /)]);
  });
});
