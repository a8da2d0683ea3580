/** LOG-1 (ログ管理): flow and firewall logs everywhere, and in β/β′ delivered to the declared SIEM sink. */
import { Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { exampleFindings } from './example-findings';
import { planOf } from '../../src/plan/cache';

/** LOG-1's findings on an example after a change; the model is the example's own. */
const log1 = (name: string, change?: (stack: Stack, net: any) => void): string[] => exampleFindings(name, 'LOG-1', change);

const flowLogOf = (segment: any) => segment.node.findChild('FlowLog') as ec2.CfnFlowLog;

describe('LOG-1 SIEM delivery in β and β′', () => {
  test.each(['beta', 'beta-prime'])('the %s example delivers every log to the SIEM sink', (name) => {
    expect(log1(name)).toEqual([]);
  });

  test('a flow log re-pointed to a bucket created next to the network is refused in β', () => {
    const found = log1('beta', (stack, net) => {
      const archive = new s3.CfnBucket(stack, 'Archive');
      flowLogOf(net.internet).addPropertyOverride('LogDestination', archive.attrArn);
    });
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): the flow log of the INTERNET VPC goes to \{s3-bucket\}, not to a SIEM sink/);
  });

  test('α keeps its logs in the archive bucket without a SIEM (not required there)', () => {
    expect(log1('alpha')).toEqual([]);
  });

  test('a firewall log delivered to a bucket of the same stack is refused in β′ (built-in egress firewall)', () => {
    const found = log1('beta-prime', (stack, net) => {
      const archive = new s3.CfnBucket(stack, 'Archive');
      const logging = net.internet.node.findAll().find((c: any) => c.cfnResourceType === 'AWS::NetworkFirewall::LoggingConfiguration');
      logging.addPropertyOverride('LoggingConfiguration.LogDestinationConfigs.0.LogDestination.bucketName', archive.ref);
    });
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): firewall .* sends (ALERT|FLOW) logs to \{s3-bucket\}, not to a SIEM sink/);
  });
});

describe('LOG-1: the tenant-restriction proxy\'s access log is shipped (α′ cases イ/ウ)', () => {
  const launchTemplate = (net: any) => net.lgwan.node.findAll().find((c: any) => c.node.path.endsWith('TenantProxy/LaunchTemplate'));
  /** The α′ example's boot script with an edit, as a user overriding the user data would write it. */
  const editBootScript = (net: any, edit: (script: string) => string) =>
    launchTemplate(net).addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(edit(planOf(net.blueprint).tenantProxy!.bootScript)));

  test('the α′ example ships the access log to its log group: no finding', () => {
    expect(log1('alpha-prime')).toEqual([]);
  });

  test('the CloudWatch agent taken out of the boot script: refused', () => {
    const found = log1('alpha-prime', (_, net) => editBootScript(net, (s) => s.split('\n').filter((l) => !l.includes('amazon-cloudwatch-agent-ctl')).join('\n')));
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): the proxy's access log is not shipped: the access log \/var\/log\/squid\/access\.log is not shipped/);
  });

  // The agent's start line made a comment, or quoted inside another heredoc: no command starts the agent (red team 39).
  const AGENT_START_LINE = /^(\/opt\/aws\/amazon-cloudwatch-agent\/bin\/amazon-cloudwatch-agent-ctl -a fetch-config .*)$/m;
  test.each([
    ['commented out', (s: string) => s.replace(AGENT_START_LINE, '# $1')],
    ['commented out after blanks', (s: string) => s.replace(AGENT_START_LINE, '   #$1')],
    ['inside a heredoc that writes another file', (s: string) => s.replace(AGENT_START_LINE, "cat > /opt/aws/amazon-cloudwatch-agent/etc/notes.json <<'X'\n$1\nX")],
  ])('the CloudWatch agent start line %s: refused', (_, edit) => {
    let edited = '';
    const found = log1('alpha-prime', (__, net) => editBootScript(net, (s) => (edited = edit(s))));
    expect(edited).toMatch(/amazon-cloudwatch-agent-ctl -a fetch-config/);
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): the proxy's access log is not shipped/);
  });

  test('the log group removed from the stack: refused', () => {
    const found = log1('alpha-prime', (_, net) => { net.lgwan.tenantProxy!.node.tryRemoveChild('AccessLog'); });
    expect(found.join('\n')).toMatch(/is shipped to log group \/jichitai\/lgwan\/tenant-proxy\/access, which is not in the synthesized output/);
  });

  test('the access log group kept 1 day: refused (the floor is the library\'s default retention, 400 days)', () => {
    const found = log1('alpha-prime', (_, net) => { net.lgwan.tenantProxy!.node.findChild('AccessLog').addPropertyOverride('RetentionInDays', 1); });
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): the proxy's access log is kept too briefly: log group \S+AccessLog\S* keeps its events 1 day, fewer than 400/);
  });

  test('Squid told to write no access log: refused', () => {
    const found = log1('alpha-prime', (_, net) => editBootScript(net, (s) => s.replace(/^access_log .*$/m, 'access_log none')));
    expect(found.join('\n')).toMatch(/Squid writes no access log/);
  });

  test('the access_log line restricted to requests matching !all (none): refused', () => {
    let edited = '';
    const found = log1('alpha-prime', (_, net) => editBootScript(net, (s) => (edited = s.replace(/^(access_log stdio:\S+ siem)$/m, '$1 !all'))));
    expect(edited).toMatch(/^access_log stdio:\S+ siem !all$/m);
    expect(found.join('\n')).toMatch(/the proxy's access log is not shipped: every access_log line logs only the requests that match its ACLs \(access_log stdio:\S+ siem !all\)/);
  });

  test('the agent collecting another file than Squid writes: refused', () => {
    const found = log1('alpha-prime', (_, net) => editBootScript(net, (s) => s.replace('"file_path": "/var/log/squid/access.log"', '"file_path": "/var/log/messages"')));
    expect(found.join('\n')).toMatch(/the access log \/var\/log\/squid\/access\.log is not shipped/);
  });
});
