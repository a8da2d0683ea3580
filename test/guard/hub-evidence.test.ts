/**
 * The engine-neutral reading and binding of a security cloud hub's evidence (src/guard/hub-evidence.ts) on hand-written
 * templates: which outputs bind, which do not and why, contradicting outputs, and the outputs file's shapes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractWithHub, readHubEvidence } from '../../src/guard/hub-evidence';

const FLAGS = { artifactFlag: '--hub', outputsFlag: '--hub-outputs' };

function files(artifact: { name: string; json: unknown }, outputs: unknown): { artifact: string; outputs: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-evidence-'));
  const a = path.join(dir, artifact.name);
  fs.mkdirSync(path.dirname(a), { recursive: true });
  fs.writeFileSync(a, JSON.stringify(artifact.json));
  const o = path.join(dir, 'outputs.json');
  fs.writeFileSync(o, JSON.stringify(outputs));
  return { artifact: a, outputs: o };
}

const TEMPLATE = {
  Resources: {
    Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
    Other: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.200.0.0/20' } },
  },
  Outputs: {
    TgwId: { Value: { Ref: 'Tgw' } },
    OtherId: { Value: { Ref: 'Other' } },
    Cidr: { Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
  },
};

describe('hub evidence', () => {
  test('an output naming a resource by id binds its value; one naming an attribute binds nothing, and says why', () => {
    const evidence = readHubEvidence({ ...files({ name: 'Hub.template.json', json: TEMPLATE }, { Hub: { TgwId: 'tgw-1', Cidr: '10.200.0.0/20' } }), ...FLAGS }, 'cloudformation');
    const { record } = extractWithHub(evidence, (hub, bound) => extractCloudFormation({ ...hub } as any, {}, bound));
    expect(record.boundOutputs).toEqual([{ stack: 'Hub', output: 'TgwId', value: 'tgw-1', node: 'hub:Hub/Tgw' }]);
    expect(record.unboundOutputs).toEqual([{ stack: 'Hub', output: 'Cidr', why: expect.stringContaining('not a Ref or a GetAtt Arn') }]);
  });

  test('two outputs giving one value to different resources bind neither, and the contradiction is unresolved', () => {
    const evidence = readHubEvidence({ ...files({ name: 'Hub.template.json', json: TEMPLATE }, { Hub: { TgwId: 'tgw-1', OtherId: 'tgw-1' } }), ...FLAGS }, 'cloudformation');
    const { graph, record } = extractWithHub(evidence, (hub, bound) => extractCloudFormation({ ...hub } as any, {}, bound));
    expect(record.boundOutputs).toEqual([]);
    expect(graph.unresolved).toContainEqual(expect.objectContaining({ property: 'outputs', reason: expect.stringContaining('same value tgw-1 to Hub.OtherId, Hub.TgwId') }));
  });

  test('terraform output -json of the one stack, and outputs keyed by stack, read alike', () => {
    const config = { resource: { aws_ec2_transit_gateway: { hub: {} } }, output: { tgw: { value: '${aws_ec2_transit_gateway.hub.id}' } } };
    for (const outputs of [{ tgw: { value: 'tgw-9', type: 'string', sensitive: false } }, { hubstack: { tgw: 'tgw-9' } }]) {
      const evidence = readHubEvidence({ ...files({ name: 'hubstack/cdk.tf.json', json: config }, outputs), ...FLAGS }, 'terraform');
      const { record } = extractWithHub(evidence, (hub, bound) => extractTerraform({ ...hub } as any, bound));
      expect(record.boundOutputs).toEqual([{ stack: 'hubstack', output: 'tgw', value: 'tgw-9', node: 'hub:hubstack/aws_ec2_transit_gateway.hub' }]);
    }
  });

  test('a cloud assembly is read as check reads it: nested stage assemblies followed, a template inside one with its stack\'s tags', () => {
    const { artifact, outputs } = files({ name: 'hub.out/assembly-Pref/Hub.template.json', json: TEMPLATE }, { Hub: { TgwId: 'tgw-1' } });
    const nested = path.dirname(artifact);
    const outer = path.dirname(nested);
    const stack = { type: 'aws:cloudformation:stack', properties: { templateFile: 'Hub.template.json', tags: { 'jichitai:security-cloud': 'hub' } } };
    fs.writeFileSync(path.join(nested, 'manifest.json'), JSON.stringify({ artifacts: { Hub: stack } }));
    fs.writeFileSync(path.join(outer, 'manifest.json'), JSON.stringify({ artifacts: { 'assembly-Pref': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Pref' } } } }));
    const option = { artifactFlag: 'securityCloudHub.artifact', outputsFlag: 'securityCloudHub.outputs' };
    for (const given of [outer, artifact]) {
      const evidence = readHubEvidence({ artifact: given, outputs, ...option }, 'cloudformation');
      expect({ stacks: Object.keys(evidence.stacks), tags: evidence.tags }).toEqual({ stacks: ['Hub'], tags: { Hub: [{ Key: 'jichitai:security-cloud', Value: 'hub' }] } });
    }
    // Two stacks of one name in the assembly and its nested one cannot be told apart.
    fs.writeFileSync(path.join(outer, 'Hub.template.json'), JSON.stringify(TEMPLATE));
    fs.writeFileSync(path.join(outer, 'manifest.json'), JSON.stringify({
      artifacts: { 'Hub': stack, 'assembly-Pref': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Pref' } } },
    }));
    expect(() => readHubEvidence({ artifact: outer, outputs, ...option }, 'cloudformation')).toThrow(/securityCloudHub\.artifact .*assembly-Pref: two stacks are named Hub/);
  });

  test('outputs with no value of the hub are refused, naming the flag', () => {
    expect(() => readHubEvidence({ ...files({ name: 'Hub.template.json', json: TEMPLATE }, {}), ...FLAGS }, 'cloudformation'))
      .toThrow(/--hub-outputs .*outputs\.json: holds no output value of the hub/);
  });
});
