/**
 * α′ cases イ/ウ: the proxy's controls (tenant headers, AP-3; download restriction and sanitization, AP-6) hold only if
 * the terminals cannot go around the proxy, and only if every proxy they may be sent to applies them. Outside testers
 * showed both holes: a `0.0.0.0/0` from the terminal tables to the breakout firewall passed AP-1 (the path meets the
 * firewall), AP-7 (terminal subnets) and AP-3 / AP-6 (some Squid configuration complied); and a launch template nothing
 * launched, holding the generated script, vouched for a proxy that splices the sign-in hosts.
 */
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Route } from '@cdktf/provider-aws/lib/route';
import { SsmAssociation } from '@cdktf/provider-aws/lib/ssm-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { exampleFindings } from './example-findings';
import { alphaPrime } from '../../examples/blueprints';
import { buildTfExample } from '../../examples/tf/_app';
import { AlphaPrimeCase, cdk } from '../../src';
import { checkTopology, declaredPrefixes } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf } from '../../src/guard/graph';
import { Reachability } from '../../src/guard/reachability';
import { formatFinding } from '../../src/guard/rule';
import { planOf } from '../../src/plan/cache';
import { untouchedCdk } from '../support/untouched';

type Change = (stack: Stack, net: cdk.MunicipalNetwork) => void;

function all<T>(scope: IConstruct, test: (c: any) => boolean): T[] {
  const found = scope.node.findAll().filter(test);
  if (found.length === 0) throw new Error('test setup: nothing found');
  return found as T[];
}

const l1 = <T extends CfnResource>(scope: IConstruct, suffix: string): T => all<T>(scope, (c) => c.node.path.endsWith(suffix))[0];

/** The terminal tables' routes to the first Teams media range (the firewall endpoint their target), given another destination. */
const mediaRoutesTo = (destination: string): Change => (_, net) => {
  for (const r of all<ec2.CfnRoute>(net.lgwan, (c) => c instanceof ec2.CfnRoute && c.destinationCidrBlock === '52.112.0.0/14')) {
    r.addPropertyOverride('DestinationCidrBlock', destination);
  }
};

/** The proxy's boot script with every line matching `pattern` rewritten. */
const rewritten = (pattern: RegExp, to: string) => (script: string) => {
  if (!pattern.test(script)) throw new Error(`test setup: no line matching ${pattern}`);
  return script.split('\n').map((l) => (pattern.test(l) ? to : l)).join('\n');
};

/** The image the α′ proxy boots (AWS's public parameter), so that a copy of its script is read as the proxy's is. */
const AL2023 = 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

const SPLICE = rewritten(/^ssl_bump bump bump_sni$/m, 'ssl_bump splice all');

/** The α′ proxy's launch template running `edit` of the generated script instead. */
const proxyRuns = (edit: (script: string) => string): Change => (_, net) => {
  const script = planOf(net.blueprint).tenantProxy!.bootScript;
  l1<ec2.CfnLaunchTemplate>(net.lgwan, 'TenantProxy/LaunchTemplate').addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(edit(script)));
};

/** A launch template of its own holding `edit` of the generated script, which no Auto Scaling group launches. */
const spareTemplate = (edit: (script: string) => string): Change => (stack, net) => {
  new ec2.CfnLaunchTemplate(stack, 'SpareProxy', {
    launchTemplateData: { imageId: AL2023, userData: Fn.base64(edit(planOf(net.blueprint).tenantProxy!.bootScript)) },
  });
};

const both = (...changes: Change[]): Change => (stack, net) => changes.forEach((c) => c(stack, net));

const findings = (ruleId: string, change: Change | undefined, alphaPrimeCase?: AlphaPrimeCase) =>
  exampleFindings('alpha-prime', ruleId, change, alphaPrimeCase).join('\n');

const AROUND = /an LGWAN subnet that is not a forward proxy's own, around the proxy's tenant headers, reaches the internet \(every IPv4 internet address outside 52\.112\.0\.0\/14 and 52\.122\.0\.0\/15\)/;

describe('AP-3 / AP-6: no way out of LGWAN around the proxy', () => {
  test('the α′ example complies: its terminal subnets are routed to the Teams media ranges only', () => {
    expect(findings('AP-3', undefined)).toBe('');
    expect(findings('AP-6', undefined)).toBe('');
  });

  test('a default route from the terminal tables to the breakout firewall is refused by AP-3 and AP-6, and passes AP-1 and AP-7', () => {
    const change = mediaRoutesTo('0.0.0.0/0');
    expect(findings('AP-3', change)).toMatch(AROUND);
    expect(findings('AP-6', change)).toMatch(/AP-6 error .*around the proxy's download restriction, reaches the internet/);
    // What the other rules say of it is unchanged: the path meets the firewall, and the subnets hold terminals.
    expect(findings('AP-1', change)).toBe('');
    expect(findings('AP-7', change)).toBe('');
  });

  test('case ウ names the sanitization the path escapes', () => {
    expect(findings('AP-6', mediaRoutesTo('0.0.0.0/0'), AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION))
      .toMatch(/around the proxy's sanitization, reaches the internet/);
  });

  test('a route to the sign-in hosts\' own range (Microsoft\'s 20.190.128.0/18) is refused: only the media ranges are exempt', () => {
    expect(findings('AP-3', mediaRoutesTo('20.190.128.0/18'))).toMatch(/around the proxy's tenant headers, reaches the internet \(20\.190\.128\.0\/18\)/);
  });

  test('a route to part of a media range stays exempt; one wider than it is not', () => {
    expect(findings('AP-3', mediaRoutesTo('52.113.0.0/16'))).toBe('');
    expect(findings('AP-3', mediaRoutesTo('52.112.0.0/13'))).toMatch(/reaches the internet \(52\.116\.0\.0\/14/);
  });

  test('case ア has no proxy controls: the same route is not AP-3\'s concern', () => {
    expect(findings('AP-3', mediaRoutesTo('0.0.0.0/0'), AlphaPrimeCase.LICENSE_AND_UPDATES)).toBe('');
  });

  test('a server beside the proxy in its subnet uses the proxy subnet\'s way out around it', () => {
    const beside: Change = (stack, net) => {
      new ec2.CfnInstance(stack, 'Beside', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: l1<ec2.CfnSubnet>(net.lgwan, '/Subnet-proxy-1').ref });
    };
    expect(findings('AP-3', beside)).toMatch(/\[NetworkLgwanSubnetproxy1[0-9A-F]{8}\] AP-3 error \(テナントアクセス制御\): .*around the proxy's tenant headers, reaches the internet/);
  });
});

describe('AP-3 / AP-6 / AP-7: terminals are no resources, so the absence of other occupants proves nothing about a subnet', () => {
  const defaultRoute = mediaRoutesTo('0.0.0.0/0');
  const inTerminals = (make: (stack: Stack, subnet: ec2.CfnSubnet, i: number) => void): Change => (stack, net) => {
    ['/Subnet-terminals-1', '/Subnet-terminals-2'].forEach((suffix, i) => make(stack, l1<ec2.CfnSubnet>(net.lgwan, suffix), i));
  };

  test('a compliant proxy instance in each terminal subnet does not make them proxy subnets: the default route is refused', () => {
    const proxies = inTerminals((stack, subnet, i) => {
      const template = l1<ec2.CfnLaunchTemplate>(stack, 'TenantProxy/LaunchTemplate');
      new ec2.CfnInstance(stack, `TerminalProxy${i}`, {
        subnetId: subnet.ref,
        imageId: AL2023,
        instanceType: 't3.micro',
        userData: (template.launchTemplateData as ec2.CfnLaunchTemplate.LaunchTemplateDataProperty).userData,
      });
    });
    expect(findings('AP-3', both(proxies, defaultRoute))).toMatch(/\[NetworkLgwanSubnetterminals1[0-9A-F]{8}\] AP-3 error .*around the proxy's tenant headers/);
    expect(findings('AP-6', both(proxies, defaultRoute))).toMatch(/around the proxy's download restriction/);
  });

  test('a NAT gateway placed in each terminal subnet does not make the terminals part of the egress chain', () => {
    const nats = inTerminals((stack, subnet, i) => {
      new ec2.CfnNatGateway(stack, `IdleNat${i}`, { subnetId: subnet.ref, connectivityType: 'private' });
    });
    expect(findings('AP-3', both(nats, defaultRoute))).toMatch(/\[NetworkLgwanSubnetterminals1[0-9A-F]{8}\] AP-3 error .*around the proxy's tenant headers/);
    // A NAT gateway straight to the internet from a terminal subnet passes no firewall: AP-1 reads the subnet too.
    const direct: Change = (_, net) => {
      const igw = l1<ec2.CfnInternetGateway>(net.lgwan, '/InternetGateway');
      for (const r of all<ec2.CfnRoute>(net.lgwan, (c) => c instanceof ec2.CfnRoute && c.destinationCidrBlock === '52.112.0.0/14')) {
        r.addPropertyOverride('DestinationCidrBlock', '0.0.0.0/0');
        r.addPropertyDeletionOverride('VpcEndpointId');
        r.addPropertyOverride('GatewayId', igw.ref);
      }
    };
    expect(findings('AP-1', both(nats, direct))).toMatch(/AP-1 critical .*an LGWAN subnet, without passing a breakout firewall, reaches the internet/);
  });
});

describe('AP-3 / AP-6: every proxy that may relay to the breakout applies the controls', () => {
  test('a launch template nothing launches, holding the generated script, does not vouch for a proxy that splices', () => {
    expect(findings('AP-3', proxyRuns(SPLICE))).toMatch(/the proxy does not bump login\.microsoft\.com/);
    expect(findings('AP-3', both(proxyRuns(SPLICE), spareTemplate((s) => s)))).toMatch(/the proxy does not bump login\.microsoft\.com/);
    expect(findings('AP-6', both(proxyRuns(SPLICE), spareTemplate((s) => s)))).toMatch(/no proxy refuses file downloads/);
  });

  test('a spare launch template that splices is refused though the running proxy complies: anyone may launch it later', () => {
    expect(findings('AP-3', spareTemplate((s) => s))).toBe('');
    expect(findings('AP-3', spareTemplate(SPLICE))).toMatch(/the proxy does not bump login\.microsoft\.com/);
  });
});

describe('AP-3 / AP-7: the proxy\'s Auto Scaling group is the proxy only if every template it may boot is a proxy\'s', () => {
  /** The proxy group's template moved into a mixed-instances policy whose override boots another template. */
  const overridden = (overrideUserData?: string): Change => (stack, net) => {
    const other = new ec2.CfnLaunchTemplate(stack, 'Other', {
      launchTemplateData: { imageId: AL2023, userData: overrideUserData === undefined ? undefined : Fn.base64(overrideUserData) },
    });
    const group = l1<CfnResource>(net.lgwan, 'TenantProxy/AutoScalingGroup');
    const template = (group as any).launchTemplate;
    group.addPropertyDeletionOverride('LaunchTemplate');
    group.addPropertyOverride('MixedInstancesPolicy', {
      LaunchTemplate: {
        LaunchTemplateSpecification: { LaunchTemplateId: template.launchTemplateId, Version: template.version },
        Overrides: [{ InstanceType: 't3.small' }, { InstanceType: 't3.micro', LaunchTemplateSpecification: { LaunchTemplateId: other.ref, Version: other.attrLatestVersionNumber } }],
      },
    });
  };

  test('an override booting a template without the proxy makes the proxy subnets servers with a way out around the proxy', () => {
    expect(findings('AP-3', overridden())).toMatch(/\[NetworkLgwanSubnetproxy1[0-9A-F]{8}\] AP-3 error .*around the proxy's tenant headers, reaches the internet \(every IPv4 internet address outside 52\.112\.0\.0\/14/);
    expect(findings('AP-7', overridden())).toMatch(/it holds a forward proxy, but also/);
  });

  test('an override booting the proxy\'s own script is still the proxy (and must comply like it)', () => {
    const script = (net: cdk.MunicipalNetwork) => planOf(net.blueprint).tenantProxy!.bootScript;
    const same: Change = (stack, net) => overridden(script(net))(stack, net);
    expect(findings('AP-3', same)).toBe('');
    const splicing: Change = (stack, net) => overridden(SPLICE(script(net)))(stack, net);
    expect(findings('AP-3', splicing)).toMatch(/the proxy does not bump login\.microsoft\.com/);
  });
});

describe('AP-3 / AP-7: the proxy\'s Auto Scaling group boots the template data the output shows only at its latest version', () => {
  const version = (v: unknown): Change => (_, net) => {
    l1<CfnResource>(net.lgwan, 'TenantProxy/AutoScalingGroup').addPropertyOverride('LaunchTemplate.Version', v);
  };

  test('the template\'s own LatestVersionNumber (the example) and $Latest are the data shown', () => {
    expect(findings('AP-3', undefined)).toBe('');
    expect(findings('AP-3', version('$Latest'))).toBe('');
  });

  test('a pinned number, $Default, or another template\'s latest version may boot an earlier deployment\'s script: the proxy subnets are not the proxy\'s alone', () => {
    for (const v of ['1', '$Default']) {
      expect(findings('AP-3', version(v))).toMatch(/\[NetworkLgwanSubnetproxy1[0-9A-F]{8}\] AP-3 error .*around the proxy's tenant headers/);
      expect(findings('AP-7', version(v))).toMatch(/it holds a forward proxy, but also/);
    }
    const other: Change = (stack, net) => {
      const spare = new ec2.CfnLaunchTemplate(stack, 'Spare', { launchTemplateData: { imageId: 'ami-0123456789abcdef0' } });
      version(spare.attrLatestVersionNumber)(stack, net);
    };
    expect(findings('AP-3', other)).toMatch(/around the proxy's tenant headers/);
  });
});

describe('CDKTF', () => {
  const tfFindings = (ruleId: string, change: (stack: IConstruct, lgwan: IConstruct) => void): string => {
    const { stack, network } = buildTfExample('alpha-prime', Testing.app());
    change(stack, network.lgwan);
    const graph = extractTerraform({ [stack.node.id]: JSON.parse(Testing.synth(stack)) });
    return checkTopology(graph, { model: alphaPrime.model, alphaPrimeCase: alphaPrime.alphaPrimeCase })
      .filter((f) => f.ruleId === ruleId).map(formatFinding).join('\n');
  };

  test('the example complies; a default route from the terminal tables, or a server beside the proxy, is refused', () => {
    expect(tfFindings('AP-3', () => undefined)).toBe('');
    const defaultRoute = (_: IConstruct, lgwan: IConstruct) => {
      for (const r of all<Route>(lgwan, (c) => c instanceof Route && c.destinationCidrBlockInput === '52.112.0.0/14')) r.addOverride('destination_cidr_block', '0.0.0.0/0');
    };
    expect(tfFindings('AP-3', defaultRoute)).toMatch(AROUND);
    expect(tfFindings('AP-6', defaultRoute)).toMatch(/around the proxy's download restriction/);
    const beside = (stack: IConstruct, lgwan: IConstruct) => {
      const proxySubnet = all<Subnet>(lgwan, (c) => c instanceof Subnet && c.node.path.endsWith('/Subnet-proxy-1'))[0];
      new Instance(stack, 'Beside', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: proxySubnet.id });
    };
    expect(tfFindings('AP-3', beside)).toMatch(/Subnet-proxy-1.*around the proxy's tenant headers, reaches the internet/);
  });

  test('a State Manager association or an EventBridge Run Command target may rewrite squid.conf after boot; inventory does not', () => {
    const targets = [{ key: 'tag:Name', values: ['Lgwan-proxy'] }];
    expect(tfFindings('AP-3', (stack) => new SsmAssociation(stack, 'Rewrite', { name: 'AWS-RunShellScript', targets })))
      .toMatch(/aws_ssm_association\.Rewrite \(document AWS-RunShellScript\) runs commands on instances after they boot/);
    expect(tfFindings('AP-3', (stack) => new SsmAssociation(stack, 'Inventory', { name: 'AWS-GatherSoftwareInventory', targets }))).toBe('');
    expect(tfFindings('AP-3', (stack) => new CloudwatchEventTarget(stack, 'Run', {
      rule: 'hourly', arn: 'arn:aws:ssm:ap-northeast-1::document/AWS-RunShellScript', runCommandTargets: [{ key: 'tag:Name', values: ['Lgwan-proxy'] }],
    }))).toMatch(/aws_cloudwatch_event_target\.Run runs commands on instances after they boot/);
  });

  test('an instance or an AWS Batch compute environment booting the proxy template on an image of its own: the configuration cannot be read', () => {
    const template = (lgwan: IConstruct) => all<LaunchTemplate>(lgwan, (c) => c instanceof LaunchTemplate)[0];
    const instance = (ami: string) => (stack: IConstruct, lgwan: IConstruct) => {
      new Instance(stack, 'Launched', { ami, launchTemplate: { id: template(lgwan).id, version: '$Latest' } });
    };
    expect(tfFindings('AP-3', instance('ami-0123456789abcdef0')))
      .toMatch(/the instances boot image ami-0123456789abcdef0 \(aws_instance aws_instance\.Launched launches the template on it\), not an AWS public/);
    expect(tfFindings('AP-3', instance(AL2023))).toBe('');
    expect(tfFindings('AP-3', (stack, lgwan) => new Instance(stack, 'Launched', { launchTemplate: { id: template(lgwan).id, version: '$Latest' } }))).toBe('');
    // A boot script of its own and no image: the template's image.
    const ownScript = (stack: IConstruct, lgwan: IConstruct) => new Instance(stack, 'Launched', {
      launchTemplate: { id: template(lgwan).id, version: '$Latest' }, userDataBase64: template(lgwan).userDataInput,
    });
    expect(tfFindings('AP-3', ownScript)).not.toMatch(/an image the output does not name/);
    const batch = (resources: Record<string, unknown>) => (stack: IConstruct, lgwan: IConstruct) => {
      new BatchComputeEnvironment(stack, 'Batch', {
        type: 'MANAGED',
        computeResources: { type: 'EC2', maxVcpus: 4, subnets: [], securityGroupIds: [], launchTemplate: { launchTemplateId: template(lgwan).id }, ...resources },
      });
    };
    expect(tfFindings('AP-3', batch({ imageId: 'ami-0123456789abcdef0' }))).toMatch(/\(aws_batch_compute_environment aws_batch_compute_environment\.Batch launches the template on it\)/);
    expect(tfFindings('AP-3', batch({ ec2Configuration: [{ imageType: 'ECS_AL2023', imageIdOverride: 'ami-0123456789abcdef0' }] })))
      .toMatch(/\(aws_batch_compute_environment aws_batch_compute_environment\.Batch launches the template on it\)/);
    expect(tfFindings('AP-3', batch({ imageId: AL2023 }))).toBe('');
  });

  test('the Auto Scaling group boots the template\'s latest version: $Latest or its latest_version; a pinned one, or $Default, is an earlier apply\'s', () => {
    const group = (lgwan: IConstruct) => all<AutoscalingGroup>(lgwan, (c) => c instanceof AutoscalingGroup)[0];
    const template = (lgwan: IConstruct) => all<LaunchTemplate>(lgwan, (c) => c instanceof LaunchTemplate)[0];
    const version = (v: string | null) => (_: IConstruct, lgwan: IConstruct) => group(lgwan).addOverride('launch_template.version', v);
    expect(tfFindings('AP-3', version('$Latest'))).toBe('');
    expect(tfFindings('AP-3', version('1'))).toMatch(/Subnet-proxy-1.*around the proxy's tenant headers/);
    expect(tfFindings('AP-3', version(null))).toMatch(/Subnet-proxy-1.*around the proxy's tenant headers/);
    // $Default (no version given) is the latest when the template updates its default version on every change.
    expect(tfFindings('AP-3', (stack, lgwan) => {
      version(null)(stack, lgwan);
      template(lgwan).addOverride('update_default_version', true);
    })).toBe('');
  });
});

describe('the proxy subnets of one graph judged for several sets of declared hosts (a prefecture\'s checks per model)', () => {
  test('a proxy subnet that one model\'s declared host overlaps is not a proxy\'s own in that model\'s check, whichever check ran first', () => {
    // checkParts walks a prefecture's graph once and checks it once per model present, each with its own members' hosts.
    // The answers about the proxy subnets were kept per walk, so the first check's hosts decided for every model: a
    // terminal pool another model's member declares in its proxy subnet went unseen, and its way out around the proxy
    // passed AP-3.
    const untouched = untouchedCdk('alpha-prime');
    const graph = extractCloudFormation({ [untouched.stackName]: untouched.template });
    const reach = new Reachability(graph, declaredPrefixes(untouched.flows ?? []));
    const proxySubnets = nodesOf(graph, 'subnet').filter((s) => s.tags['jichitai:subnet-role'] === 'proxy');
    expect(proxySubnets.length).toBeGreaterThan(0);
    const terminals = { name: 'terminals-in-the-proxy-subnet', zone: 'LGWAN', cidrs: [proxySubnets[0].cidr!], role: 'BUSINESS_TERMINALS', breakoutClient: true };
    const options = { model: alphaPrime.model, alphaPrimeCase: alphaPrime.alphaPrimeCase };
    const around = (hosts: typeof untouched.hosts) => checkTopology(graph, options, { reach, flows: untouched.flows, hosts })
      .filter((f) => f.ruleId === 'AP-3' && /not a forward proxy's own/.test(f.message)).map(formatFinding);
    expect(around(untouched.hosts)).toEqual([]);
    expect(around([...untouched.hosts, terminals]).join('\n')).toMatch(/AP-3 error .*an LGWAN subnet that is not a forward proxy's own, around the proxy's tenant headers/);
    // And the other way round on a fresh walk: the overlapping hosts first, then the example's own.
    const again = new Reachability(graph, declaredPrefixes(untouched.flows ?? []));
    const aroundAgain = (hosts: typeof untouched.hosts) => checkTopology(graph, options, { reach: again, flows: untouched.flows, hosts })
      .filter((f) => f.ruleId === 'AP-3' && /not a forward proxy's own/.test(f.message)).length;
    expect([aroundAgain([...untouched.hosts, terminals]) > 0, aroundAgain(untouched.hosts)]).toEqual([true, 0]);
  });
});
