/**
 * Red team 27, finding 6: a Terraform provider's `default_tags` given by an expression — the whole `tags` map, a key, or
 * the value of a `jichitai:` key (a variable, a local, a function call) — were silently not read, so a role or segment
 * the provider gives every resource was lost (a My Number system in the Internet segment passed PL-1). Now they are
 * unresolved (GUARD-1) once per provider block, alias-aware, and the labels they may set are read as unknown (a VPC left
 * without a segment is an unlabelled VPC). In a plan, a known `tags_all` is what the provider applies (no finding); where
 * it is known only after apply, the provider configuration's default tags the plan records only as references are
 * unresolved at the provider configuration, and a resource's own tags known only after apply at the resource.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { Finding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';
import { notJapanese } from '../support/japanese';
import { myNumberAndLgwanTf } from '../support/two-segments';

const ROLE = 'jichitai:role';
const SEGMENT = 'jichitai:segment';

/** Two segments, and two instances in the LGWAN subnet of the provider `provider` (none: the default one). */
function tf(providers: unknown, provider?: string): TerraformJson {
  const host = (n: number) => ({ ami: 'ami-12345678', subnet_id: '${aws_subnet.lg.id}', tags: { Name: `h${n}` }, ...provider ? { provider } : {} });
  return {
    variable: { t: { type: 'map(string)' }, role: { type: 'string' }, key: { type: 'string' } },
    provider: { aws: providers },
    resource: { ...myNumberAndLgwanTf(), aws_instance: { a: host(1), b: host(2) } },
  } as TerraformJson;
}

function found(graph: TopologyGraph, rules = ['GUARD-1', 'PL-1']): Finding[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => rules.includes(f.ruleId));
}

const at = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.path}`).sort();

/** Whether a finding's reason and fix are worded in Japanese (ja-engine). */
function japanese(f: Finding): void {
  expect(notJapanese(jaOrEn(f.message.split(' could not be resolved: ')[1]))).toBeUndefined();
  expect(notJapanese(jaOrEn(f.fix ?? ''))).toBeUndefined();
}

describe('provider default_tags given by an expression are unresolved (GUARD-1), once per provider block', () => {
  test.each([
    ['the whole tags map', { tags: '${var.t}' }, 'default_tags.tags'],
    ['a jichitai: value', { tags: { [ROLE]: '${var.role}', Owner: 'x' } }, `default_tags.tags.${ROLE}`],
    ['a key', { tags: { '${var.key}': 'MY_NUMBER_SYSTEM' } }, 'default_tags.tags'],
    ['the block (cdktf list form) by a function call', [{ tags: '${merge(var.t, {})}' }], 'default_tags[0].tags'],
    ['a dynamic block', undefined, 'dynamic.default_tags'],
  ])('%s: one finding at provider.aws, none at the resources', (_what, defaultTags, property) => {
    const provider = defaultTags === undefined
      ? { dynamic: { default_tags: { for_each: '${[var.t]}', content: { tags: '${default_tags.value}' } } } }
      : { default_tags: defaultTags };
    const fs = found(extractTerraform({ s: tf(provider) }));
    expect(at(fs)).toEqual(['GUARD-1 provider.aws']);
    expect(fs[0].message).toContain(`${property} could not be resolved: the provider's default_tags (`);
    japanese(fs[0]);
  });

  test('alias-aware: the aliased provider that gives them is named, the default one is not', () => {
    const providers = [{ region: 'ap-northeast-1' }, { alias: 'mn', default_tags: { tags: { [ROLE]: '${var.role}' } } }];
    expect(at(found(extractTerraform({ s: tf(providers, 'aws.mn') })))).toEqual(['GUARD-1 provider.aws.mn']);
  });

  test('a label they may set is read as unknown: the literal segment beside an expression key no longer labels a VPC', () => {
    const config = tf({ default_tags: { tags: { [SEGMENT]: 'INTERNET', '${var.key}': 'x' } } });
    // The My Number VPC's own label wins over the provider's; an unlabelled VPC gets the provider's segment only when it is read.
    (config.resource!.aws_vpc as any).x = { cidr_block: '10.9.0.0/16' };
    const fs = found(extractTerraform({ s: config }), ['GUARD-1']);
    expect(fs.map((f) => `${f.path} ${f.message.split(':')[0]}`).sort()).toEqual([
      'aws_vpc.x the VPC has no segment label, so the guard cannot tell which rules protect it', 'provider.aws default_tags.tags could not be resolved',
    ].sort());
  });

  test('controls: literal default tags label as before, and a tag that is no label given by an expression is not reported', () => {
    expect(at(found(extractTerraform({ s: tf({ default_tags: { tags: { [ROLE]: 'MY_NUMBER_SYSTEM', Owner: '${var.role}' } } }) }))))
      // Every resource of the provider gets the role: the LGWAN VPC itself is placed by itself (semantics §7).
      .toEqual(['PL-1 aws_instance.a', 'PL-1 aws_instance.b', 'PL-1 aws_subnet.lg', 'PL-1 aws_vpc.lg']);
    expect(at(found(extractTerraform({ s: tf({ default_tags: { tags: { Owner: '${var.role}' } } }) })))).toEqual([]);
  });

  test('CDKTF: AwsProvider defaultTags from a TerraformVariable', () => {
    for (const tags of ['map', 'value'] as const) {
      const stack = new TerraformStack(Testing.app(), 's');
      const v = new TerraformVariable(stack, 'labels', { type: tags === 'map' ? 'map(string)' : 'string' });
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', defaultTags: [{ tags: tags === 'map' ? v.value : { [SEGMENT]: v.stringValue } }] });
      const vpc = new Vpc(stack, 'V', { cidrBlock: '10.0.0.0/16', tags: { [SEGMENT]: 'MY_NUMBER' } });
      new Subnet(stack, 'S', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24' });
      expect(at(found(extractTerraform({ s: JSON.parse(Testing.synth(stack)) })))).toEqual(['GUARD-1 provider.aws']);
    }
  });
});

describe('in a plan: known tags_all is what the provider applies; else the provider configuration\'s default tags', () => {
  /** A plan of the two segments and an instance of `provider_config_key` `key` in the LGWAN subnet, as terraform show -json writes it. */
  function plan(instance: { tags?: unknown; tagsAll?: unknown; unknown?: Record<string, unknown>; values?: Record<string, unknown> }, defaults: unknown, key = 'aws.mn'): unknown {
    type Planned = {
      address: string; type: string; name: string; values: Record<string, unknown>; unknown?: unknown; expressions?: unknown; key?: string;
    };
    const resources: Planned[] = [
      { address: 'aws_vpc.lg', type: 'aws_vpc', name: 'lg', values: { cidr_block: '10.1.0.0/16', tags: { [SEGMENT]: 'LGWAN' }, tags_all: { [SEGMENT]: 'LGWAN' } } },
      {
        address: 'aws_subnet.lg',
        type: 'aws_subnet',
        name: 'lg',
        values: { cidr_block: '10.1.0.0/24', tags_all: {} },
        unknown: { vpc_id: true },
        expressions: { vpc_id: { references: ['aws_vpc.lg.id', 'aws_vpc.lg'] } },
      },
      {
        address: 'aws_instance.h',
        type: 'aws_instance',
        name: 'h',
        key,
        values: {
          ami: 'ami-12345678', ...instance.values, ...instance.tags === undefined ? {} : { tags: instance.tags }, ...instance.tagsAll === undefined ? {} : { tags_all: instance.tagsAll },
        },
        unknown: { subnet_id: true, ...instance.unknown },
        expressions: { subnet_id: { references: ['aws_subnet.lg.id', 'aws_subnet.lg'] } },
      },
    ];
    return {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, values: r.values })) } },
      resource_changes: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, change: { actions: ['create'], after: r.values, after_unknown: r.unknown ?? {} } })),
      configuration: {
        provider_config: { 'aws': { name: 'aws' }, 'aws.mn': { name: 'aws', alias: 'mn', expressions: { default_tags: [{ tags: defaults }] } } },
        root_module: { resources: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_config_key: r.key ?? 'aws', expressions: r.expressions ?? {} })) },
      },
    };
  }
  const fromVariable = { references: ['var.labels'] };

  test('tags_all known only after apply, default_tags from a variable: GUARD-1 at the provider configuration (the real plan\'s shape)', () => {
    const fs = found(extractTerraformPlan(plan({ tags: { Name: 'h' }, unknown: { tags_all: true } }, fromVariable)));
    expect(at(fs)).toEqual(['GUARD-1 provider.aws.mn']);
    expect(fs[0].message).toMatch(/default_tags\[0\]\.tags could not be resolved: the provider's default_tags \(\$\{var\.labels\}\) cannot be read from the plan, .*aws_instance\.h/);
    japanese(fs[0]);
  });

  test('own tags known only after apply: GUARD-1 at the resource as well', () => {
    const fs = found(extractTerraformPlan(plan({ unknown: { tags: true, tags_all: true } }, fromVariable)));
    expect(at(fs)).toEqual(['GUARD-1 aws_instance.h', 'GUARD-1 provider.aws.mn']);
    japanese(fs.find((f) => f.path === 'aws_instance.h')!);
  });

  // Seen in a real offline plan (test/integration/terraform-plan.test.ts, fixture default-tags-after-apply): with a default
  // tag known only after apply, the AWS provider leaves every default tag out of tags_all, which is then the resource's own
  // tags, known — and the plan records the default_tags map by its references only.
  test('tags_all known but lacking the provider\'s default tags (one of them known only after apply): GUARD-1 at the provider configuration', () => {
    const fs = found(extractTerraformPlan(plan({ tags: { Name: 'h' }, tagsAll: { Name: 'h' } }, { references: ['aws_vpc.lg.id', 'aws_vpc.lg'] })));
    expect(at(fs)).toEqual(['GUARD-1 provider.aws.mn']);
    expect(fs[0].message).toMatch(/cannot be read from the plan, and the provider gives them to aws_instance\.h, whose tags_all in the plan lacks them/);
    japanese(fs[0]);
  });

  test('a constant default role the plan\'s tags_all lacks (another default tag known only after apply) is the resource\'s label: PL-1', () => {
    // A JSON configuration's constant map, one value an interpolation of an id known only after apply.
    const defaults = { constant_value: { [ROLE]: 'MY_NUMBER_SYSTEM', Owner: '${aws_vpc.lg.id}' }, references: ['aws_vpc.lg.id', 'aws_vpc.lg'] };
    expect(at(found(extractTerraformPlan(plan({ tags: { Name: 'h' }, tagsAll: { Name: 'h' } }, defaults))))).toEqual(['PL-1 aws_instance.h']);
  });

  test('controls: tags_all holding the default tags is authoritative; an instance\'s launch_template: [] names no template', () => {
    expect(at(found(extractTerraformPlan(plan({ tags: { Name: 'h' }, tagsAll: { Name: 'h', Project: 'p' } }, fromVariable))))).toEqual([]);
    // terraform show -json gives every aws_instance `launch_template: []` (the fixture above).
    expect(at(found(extractTerraformPlan(plan({ tags: { Name: 'h' }, tagsAll: { Name: 'h', Project: 'p' }, values: { launch_template: [] } }, fromVariable)))))
      .toEqual([]);
  });

  test('controls: tags_all known is authoritative (PL-1, no GUARD-1); a constant default role is read; a JSON configuration\'s Name interpolation is no label', () => {
    expect(at(found(extractTerraformPlan(plan({ tagsAll: { [ROLE]: 'MY_NUMBER_SYSTEM' } }, fromVariable))))).toEqual(['PL-1 aws_instance.h']);
    expect(at(found(extractTerraformPlan(plan({ tags: {}, unknown: { tags_all: true } }, { constant_value: { [ROLE]: 'MY_NUMBER_SYSTEM' } })))))
      .toEqual(['PL-1 aws_instance.h']);
    expect(at(found(extractTerraformPlan(plan({ tags: {}, unknown: { tags_all: true } },
      { constant_value: { [ROLE]: 'MY_NUMBER_SYSTEM', Name: '${var.name}' }, references: ['var.name'] }))))).toEqual(['PL-1 aws_instance.h']);
  });
});
