/**
 * The α′ proxy's configuration is judged by what Squid loads, and the breakout firewall's rules by what Suricata runs.
 * A tester showed four ways a configuration looked compliant line by line while Squid did otherwise (real Squid 5.7
 * for the first three): the bump and the tenant header inside `if false` … `endif`; an `include` of another file;
 * `ssl_bump peek all`, which peeks again at step 2 and so rules out bumping; and a tenant header whose value is the
 * client's own copy (`%>h{…}`, a macro Squid expands). And a Suricata rule with `bypass` ahead of the allow-list lets
 * its flow through uninspected, as a `pass` does.
 */
import { CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { exampleFindings } from './example-findings';
import { cdk } from '../../src';
import { planOf } from '../../src/plan/cache';

type Change = (stack: Stack, net: cdk.MunicipalNetwork) => void;

function l1<T extends CfnResource>(net: cdk.MunicipalNetwork, suffix: string): T {
  return net.lgwan.node.findAll().find((c) => c.node.path.endsWith(suffix)) as T;
}

/** The α′ example's proxy boot script rewritten (what a user overriding the launch template would do). */
const withBootScript = (edit: (script: string) => string): Change => (_, net) => {
  const script = planOf(net.blueprint).tenantProxy!.bootScript;
  l1<ec2.CfnLaunchTemplate>(net, 'TenantProxy/LaunchTemplate').addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(edit(script)));
};

/** A line of the script matching `pattern`, rewritten. */
const rewrite = (pattern: RegExp, to: (line: string) => string) => (script: string) => {
  if (!script.split('\n').some((l) => pattern.test(l))) throw new Error(`test setup: no line matching ${pattern}`);
  return script.split('\n').map((l) => (pattern.test(l) ? to(l) : l)).join('\n');
};

const ap3 = (change: Change) => exampleFindings('alpha-prime', 'AP-3', change).join('\n');
const NOT_BUMPED = /AP-3 error \(テナントアクセス制御\): the proxy does not bump login\.microsoft\.com/;

describe('AP-3: the proxy is judged by what Squid loads', () => {
  test('the α′ example complies: its boot script\'s shell conditionals are no squid.conf conditionals', () => {
    expect(ap3(() => undefined)).toBe('');
  });

  test('the bump inside "if false" … "endif": Squid skips it, so the configuration cannot be read', () => {
    expect(ap3(withBootScript(rewrite(/^ssl_bump bump bump_sni$/, (l) => `if false\n${l}\nendif`)))).toMatch(NOT_BUMPED);
  });

  test('an include of a file the guard does not read: refused, and AP-5 cannot vouch for its certificates', () => {
    const change = withBootScript(rewrite(/^ssl_bump peek step1$/, (l) => `include /etc/squid/extra.conf\n${l}`));
    expect(ap3(change)).toMatch(NOT_BUMPED);
    expect(exampleFindings('alpha-prime', 'AP-5', change).join('\n'))
      .toMatch(/AP-5 critical .*the configuration holds "include \/etc\/squid\/extra\.conf", so the guard cannot tell which directives Squid loads/);
  });

  test('"ssl_bump peek all" peeks again at step 2, which rules out bumping: refused; "peek step1" does not', () => {
    expect(ap3(withBootScript(rewrite(/^ssl_bump peek step1$/, () => 'ssl_bump peek all')))).toMatch(NOT_BUMPED);
  });

  test('a tenant header whose value is a macro (the client\'s own copy) is not the proxy\'s value: refused', () => {
    const own = withBootScript(rewrite(/^request_header_add sec-Restrict-Tenant-Access-Policy "[^"]+" tenant_microsoft_365$/,
      () => 'request_header_add sec-Restrict-Tenant-Access-Policy "%>h{sec-Restrict-Tenant-Access-Policy}" tenant_microsoft_365'));
    expect(ap3(own)).toMatch(/AP-3 error .*for Microsoft 365/);
  });
});

describe('AP-3 / AP-5: the proxy is judged by the squid.conf its boot script writes, and only a script the guard recognises', () => {
  /** The script with `line` added after the line matching `at`. */
  const after = (at: RegExp, line: string) => (script: string) => {
    const lines = script.split('\n');
    const i = lines.findIndex((l) => at.test(l));
    if (i < 0) throw new Error(`test setup: no line matching ${at}`);
    return [...lines.slice(0, i + 1), line, ...lines.slice(i + 1)].join('\n');
  };
  const EOF = /^JICHITAI_SQUID_CONF$/;

  test.each([
    ['sed -i after the heredoc', "sed -i 's/^ssl_bump bump bump_sni$/ssl_bump splice all/' /etc/squid/squid.conf"],
    ['a line appended to squid.conf', "echo 'ssl_bump splice all' >> /etc/squid/squid.conf"],
    ['a configuration fetched from S3 over it', 'aws s3 cp s3://bucket/squid.conf /etc/squid/squid.conf'],
    ['a variable-built path', "C=/etc/sq; sed -i '1i ssl_bump splice all' ${C}uid/squid.conf"],
  ])('%s: the configuration cannot be read, so AP-3 refuses and AP-5 cannot vouch for its certificates', (_, line) => {
    const change = withBootScript(after(EOF, line));
    const text = ap3(change);
    expect(text).toMatch(NOT_BUMPED);
    expect(text).toMatch(/the guard cannot tell from the boot script which configuration Squid loads: line \d+ is not a command of the proxy boot scripts/);
    expect(exampleFindings('alpha-prime', 'AP-5', change).join('\n')).toMatch(/AP-5 critical .*the guard cannot tell from the boot script which configuration Squid loads/);
  });

  test('the CA secret ARN from a parameter: read when CloudFormation encodes it (Fn::Base64), refused when the raw value sits in the quotes', () => {
    const arnPart = (encoded: boolean): Change => (stack, net) => {
      const { head, tail } = planOf(net.blueprint).tenantProxy!.bootScriptParts;
      const arn = new CfnParameter(stack, 'CaSecretArn', { type: 'String' }).valueAsString;
      l1<ec2.CfnLaunchTemplate>(net, 'TenantProxy/LaunchTemplate')
        .addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(Fn.join('', [head, encoded ? Fn.base64(arn) : arn, tail])));
    };
    expect(ap3(arnPart(true))).toBe('');
    expect(ap3(arnPart(false))).toMatch(/line \d+ is not a command of the proxy boot scripts the guard reads: "SECRET_ARN_BASE64='\{reference\}'"/);
  });

  test('squid started on another configuration file: refused', () => {
    expect(ap3(withBootScript(after(/^systemctl enable --now squid$/, 'squid -f /tmp/other.conf')))).toMatch(NOT_BUMPED);
  });

  test('the same edit inside the heredoc is what Squid loads, and is judged as such', () => {
    expect(ap3(withBootScript(rewrite(/^ssl_bump bump bump_sni$/, () => 'ssl_bump splice all')))).toMatch(NOT_BUMPED);
    expect(ap3(withBootScript(rewrite(/^ssl_bump bump bump_sni$/, () => 'ssl_bump splice all')))).not.toMatch(/boot script/);
  });
});

describe('AP-3: Squid bumps only on ports with the ssl-bump flag, and reads ACL options the guard does not evaluate otherwise', () => {
  test('the listening port without ssl-bump tunnels CONNECT: nothing is bumped', () => {
    expect(ap3(withBootScript(rewrite(/^http_port 3128 ssl-bump /, () => 'http_port 3128')))).toMatch(NOT_BUMPED);
  });

  test('a second port without ssl-bump beside the bumping one: clients may use it, so refused', () => {
    expect(ap3(withBootScript(rewrite(/^http_port 3128 ssl-bump /, (l) => `${l}\nhttp_port 3130`)))).toMatch(NOT_BUMPED);
  });

  test('--server-provided on the bump ACL (the server has sent no name at step 2): unknown, so refused', () => {
    expect(ap3(withBootScript(rewrite(/^acl bump_sni_exact ssl::server_name /, (l) => l.replace('ssl::server_name ', 'ssl::server_name --server-provided ')))))
      .toMatch(NOT_BUMPED);
  });

  test('a bump ACL regex that JavaScript reads otherwise than Squid\'s glibc (\\x2e is a dot to one, an x to the other): unknown, so AP-6 refuses', () => {
    const hex = (l: string) => l.replace(/\\\./g, '\\x2e');
    expect(ap3(withBootScript(rewrite(/^acl bump_sni_sub ssl::server_name_regex /, (l) => l)))).toBe('');
    expect(exampleFindings('alpha-prime', 'AP-6', withBootScript(rewrite(/^acl bump_sni_sub ssl::server_name_regex /, hex))).join('\n'))
      .toMatch(/AP-6 error .*but no proxy refuses file downloads from them \(/);
  });

  test('an option-like value in the bump ACL is unknown too', () => {
    expect(ap3(withBootScript(rewrite(/^acl bump_sni_exact ssl::server_name /, (l) => l.replace('ssl::server_name ', 'ssl::server_name -m ')))))
      .toMatch(NOT_BUMPED);
  });
});

describe('AP-3: commands run on instances after boot (State Manager, maintenance windows, EventBridge Run Command) may rewrite squid.conf', () => {
  const targets = [{ Key: 'tag:Name', Values: ['Lgwan-proxy'] }];
  const association = (name: string): Change => (stack) => {
    new CfnResource(stack, 'Rewrite', { type: 'AWS::SSM::Association', properties: { Name: name, Targets: targets, ScheduleExpression: 'rate(30 minutes)' } });
  };

  test('an association running a shell script on the proxies: the configuration cannot be read', () => {
    expect(ap3(association('AWS-RunShellScript'))).toMatch(/AWS::SSM::Association Rewrite \(document AWS-RunShellScript\) runs commands on instances after they boot/);
  });

  test('inventory and the agent\'s own update leave squid.conf as it is; patching installs from sources a baseline may name', () => {
    for (const name of ['AWS-GatherSoftwareInventory', 'AWS-UpdateSSMAgent']) expect(ap3(association(name))).toBe('');
    expect(ap3(association('AWS-RunPatchBaseline'))).toMatch(/\(document AWS-RunPatchBaseline\) runs commands on instances after they boot/);
  });

  test('a document given by reference, a maintenance window Run Command, an EventBridge Run Command target and an instance\'s own associations count too', () => {
    expect(ap3((stack) => {
      new CfnResource(stack, 'Rewrite', { type: 'AWS::SSM::Association', properties: { Name: { Ref: 'AWS::StackName' }, Targets: targets } });
    })).toMatch(/AWS::SSM::Association Rewrite runs commands on instances after they boot/);
    expect(ap3((stack) => {
      new CfnResource(stack, 'Task', { type: 'AWS::SSM::MaintenanceWindowTask', properties: { WindowId: 'mw-0123456789abcdef0', TaskType: 'RUN_COMMAND', TaskArn: 'AWS-RunShellScript', Priority: 1 } });
    })).toMatch(/AWS::SSM::MaintenanceWindowTask Task \(document AWS-RunShellScript\) runs commands/);
    expect(ap3((stack) => {
      new CfnResource(stack, 'Rule', {
        type: 'AWS::Events::Rule',
        properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 't', Arn: 'arn:aws:ssm:ap-northeast-1::document/AWS-RunShellScript', RunCommandParameters: { RunCommandTargets: targets } }] },
      });
    })).toMatch(/AWS::Events::Rule Rule runs commands on instances after they boot/);
    expect(ap3((stack) => {
      new CfnResource(stack, 'Rule', { type: 'AWS::Events::Rule', properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 't', Arn: 'arn:aws:sns:ap-northeast-1:111122223333:x' }] } });
    })).toBe('');
    expect(ap3((stack) => {
      new ec2.CfnInstance(stack, 'Other', { imageId: 'ami-0123456789abcdef0', ssmAssociations: [{ documentName: 'AWS-RunShellScript' }] });
    })).toMatch(/AWS::EC2::Instance Other#SsmAssociations\[0\] \(document AWS-RunShellScript\) runs commands/);
  });
});

describe('AP-3: the proxy boots an image whose Squid the boot script knows', () => {
  const image = (id: unknown): Change => (_, net) => {
    l1<ec2.CfnLaunchTemplate>(net, 'TenantProxy/LaunchTemplate').addPropertyOverride('LaunchTemplateData.ImageId', id);
  };

  test('an AMI of one\'s own may run a Squid already, or a unit that loads another file: the configuration cannot be read', () => {
    expect(ap3(image('ami-0123456789abcdef0'))).toMatch(/the instances boot image ami-0123456789abcdef0, not an AWS public Amazon Linux 2023 or Debian image parameter/);
    expect(ap3(image('resolve:ssm:/my/own/golden-image'))).toMatch(/not an AWS public Amazon Linux 2023 or Debian image parameter/);
    expect(ap3(image({ Ref: 'AWS::NoValue' }))).toMatch(/the instances boot an image the output does not name/);
  });

  describe('a launcher that boots the proxy template on an image of its own', () => {
    const PUBLIC = 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
    const template = (net: cdk.MunicipalNetwork) => l1<ec2.CfnLaunchTemplate>(net, 'TenantProxy/LaunchTemplate');
    const spec = (net: cdk.MunicipalNetwork) => ({ launchTemplateId: template(net).ref, version: template(net).attrLatestVersionNumber });
    const instance = (imageId: unknown): Change => (stack, net) => {
      const i = new ec2.CfnInstance(stack, 'Launched', { launchTemplate: spec(net) });
      i.addPropertyOverride('ImageId', imageId);
    };

    test('an instance: refused unless the image is an AWS public parameter', () => {
      expect(ap3(instance('ami-0123456789abcdef0')))
        .toMatch(/the instances boot image ami-0123456789abcdef0 \(AWS::EC2::Instance Launched launches the template on it\), not an AWS public Amazon Linux 2023/);
      expect(ap3(instance({ Ref: 'AWS::NoValue' }))).toMatch(/the instances boot an image the output does not name \(AWS::EC2::Instance Launched launches the template on it\)/);
      expect(ap3(instance(PUBLIC))).toBe('');
      // Without an image of its own, it boots the template's.
      expect(ap3((stack, net) => new ec2.CfnInstance(stack, 'Launched', { launchTemplate: spec(net) }))).toBe('');
    });

    test('an instance with a boot script of its own and no image boots its template\'s image: read as the template\'s', () => {
      const own = (imageId?: string): Change => (stack, net) => {
        const i = new ec2.CfnInstance(stack, 'Launched', { launchTemplate: spec(net), userData: Fn.base64(planOf(net.blueprint).tenantProxy!.bootScript) });
        if (imageId) i.addPropertyOverride('ImageId', imageId);
      };
      expect(ap3(own())).not.toMatch(/an image the output does not name/);
      expect(ap3(own('ami-0123456789abcdef0'))).toMatch(/the instances boot image ami-0123456789abcdef0, not an AWS public/);
    });

    test('an instance naming a template the guard cannot resolve may launch this one', () => {
      expect(ap3((stack) => {
        const name = new CfnParameter(stack, 'TemplateId', { type: 'String' });
        new ec2.CfnInstance(stack, 'Launched', { launchTemplate: { launchTemplateId: name.valueAsString, version: '1' }, imageId: 'ami-0123456789abcdef0' });
      })).toMatch(/\(AWS::EC2::Instance Launched launches launch template .*, which may be this one, on it\)/);
    });

    test('an Auto Scaling group\'s mixed-instances override with an image, and an AWS Batch compute environment\'s image', () => {
      const groupOverride = (imageId: string): Change => (stack, net) => {
        new CfnResource(stack, 'Group', {
          type: 'AWS::AutoScaling::AutoScalingGroup',
          properties: {
            MinSize: '1',
            MaxSize: '1',
            MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: template(net).ref, Version: '$Latest' }, Overrides: [{ InstanceType: 't3.small', ImageId: imageId }] } },
          },
        });
      };
      expect(ap3(groupOverride('ami-0123456789abcdef0'))).toMatch(/image ami-0123456789abcdef0 \(AWS::AutoScaling::AutoScalingGroup Group launches the template on it\)/);
      expect(ap3(groupOverride(PUBLIC))).toBe('');
      const batch = (resources: Record<string, unknown>): Change => (stack, net) => {
        new CfnResource(stack, 'Batch', {
          type: 'AWS::Batch::ComputeEnvironment',
          properties: { Type: 'MANAGED', ComputeResources: { Type: 'EC2', MaxvCpus: 4, Subnets: [], InstanceRole: 'r', LaunchTemplate: { LaunchTemplateId: template(net).ref }, ...resources } },
        });
      };
      expect(ap3(batch({ ImageId: 'ami-0123456789abcdef0' }))).toMatch(/\(AWS::Batch::ComputeEnvironment Batch launches the template on it\)/);
      expect(ap3(batch({ Ec2Configuration: [{ ImageType: 'ECS_AL2023', ImageIdOverride: 'ami-0123456789abcdef0' }] })))
        .toMatch(/\(AWS::Batch::ComputeEnvironment Batch launches the template on it\)/);
    });
  });

  test('AWS\'s public Amazon Linux 2023 parameters (the example\'s) are read', () => {
    expect(ap3(image('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64'))).toBe('');
  });
});

describe('AP-1: a Suricata rule with bypass lets its flow through like a pass', () => {
  const withGroup = (rulesString: string, priority: number): Change => (stack, net) => {
    const group = new nfw.CfnRuleGroup(stack, 'ExtraGroup', {
      ruleGroupName: 'extra',
      type: 'STATEFUL',
      capacity: 10,
      ruleGroup: { statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' }, rulesSource: { rulesString } },
    });
    const policy = l1<nfw.CfnFirewallPolicy>(net, 'Firewall/Policy');
    const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
    const refs = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: group.attrRuleGroupArn, priority }];
    policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: refs };
  };

  test('an alert with bypass ahead of the allow-list is refused; the same alert without it is not', () => {
    const rule = (options: string) => `alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; http.host; content:"evil.example"; ${options}sid:1000950; rev:1;)`;
    expect(exampleFindings('alpha-prime', 'AP-1', withGroup(rule('bypass; '), 300)).join('\n'))
      .toMatch(/AP-1 critical .*lets traffic around its FQDN allow-list: rule group \S+ holds a pass rule \(alert http .*bypass/);
    expect(exampleFindings('alpha-prime', 'AP-1', withGroup(rule(''), 300))).toEqual([]);
  });
});

describe('AP-3 / AP-6: ssl::server_name inside a bumped connection matches the server certificate\'s names, which the guard does not know', () => {
  // Found by the differential test against the real Squid (test/integration/squid-judgment.test.ts): once Squid has the
  // server's certificate, an ssl::server_name ACL without --client-requested matches when any of its names does.
  const ap6 = (change: Change) => exampleFindings('alpha-prime', 'AP-6', change).join('\n');
  const NO_REFUSAL = /AP-6 error .*but no proxy refuses file downloads from them \(/;
  /** Replies of an ACL's hosts allowed ahead of the library's download rules. */
  const allowFirst = (acl: string) => withBootScript(rewrite(/^http_reply_access deny comm_dst download_disposition$/,
    (l) => `acl cert_names ${acl}\nhttp_reply_access allow cert_names\n${l}`));

  test('an http_reply_access allow on a name no allow-listed host has: a service\'s certificate may hold that name too, so AP-6 refuses', () => {
    expect(ap6(allowFirst('ssl::server_name .cdn.example.net'))).toMatch(NO_REFUSAL);
    expect(ap6(allowFirst('ssl::server_name_regex -i ^cdn\\.example\\.net$'))).toMatch(NO_REFUSAL);
  });

  test('with --client-requested the ACL matches the name the client asked for: read, and that name is no tool\'s, so AP-6 passes', () => {
    expect(ap6(allowFirst('ssl::server_name --client-requested .cdn.example.net'))).toBe('');
    // The same ACL with a tool's host: its downloads are allowed, refused as before.
    expect(ap6(allowFirst('ssl::server_name --client-requested teams.microsoft.com'))).toMatch(NO_REFUSAL);
  });

  test('a tenant header added unless a certificate name matches: the guard cannot tell it is added, so AP-3 refuses', () => {
    const unless = (acl: string) => withBootScript(rewrite(/^request_header_add sec-Restrict-Tenant-Access-Policy "[^"]+" tenant_microsoft_365$/,
      (l) => `acl cert_names ${acl}\n${l} !cert_names`));
    expect(ap3(unless('ssl::server_name .cdn.example.net'))).toMatch(/AP-3 error .*for Microsoft 365/);
    expect(ap3(unless('ssl::server_name --client-requested .cdn.example.net'))).toBe('');
  });
});
