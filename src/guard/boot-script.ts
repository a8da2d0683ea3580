import { BASE64_REFERENCE } from './graph';
import { memoizeBounded } from './memo';
import { Bilingual } from './rule';

/**
 * The squid.conf a forward proxy's boot script gives Squid, or why the guard cannot tell.
 *
 * Against arbitrary shell no reading of a script is sound (a `sed -i`, an `aws s3 cp`, a `squid -f` elsewhere, a cron job
 * or a variable-built path can change what Squid loads after a compliant heredoc), so the script is read against a CLOSED
 * grammar: the lines of the library's own proxy boot scripts (the α′ tenant-restriction proxy on Amazon Linux 2023, the
 * prefecture hub's proxy on Debian) and of the minimal hand-written ones its tests use. Anything else fails closed:
 * - cloud-init runs user data as a script only when it starts with `#!` (https://cloudinit.readthedocs.io/en/latest/explanation/format.html,
 *   "User-data script"; `#cloud-config`, `#include`, MIME multipart and gzip are other formats): the first line must be
 *   `#!/bin/bash` or `#!/bin/sh` (under sh, the lines that need bash are refused: dash stops at `<<<`).
 * - A carriage return or a NUL anywhere is refused (bash keeps a CR in the word; a NUL ends a C string).
 * - Lines are joined where bash joins them: an unquoted backslash at the end of a line is removed with the newline (Bash
 *   Reference Manual §3.1.2.1, Escape Character). A comment (first non-blank character `#`) ends at the newline, whatever
 *   it ends with (§3.1.3, Comments), and a continued line with nothing after it is refused.
 * - Every other line must be one of FORMS below, matched whole: no `; cmd`, `&&`, `|`, `$(…)` or redirection beyond the
 *   form's own. Where the generators' output varies (the secret ARN's base64, which the extractors read `{reference}`
 *   when the engine encodes it at deploy time; the CloudWatch agent's file name; the packages installed) the form takes
 *   only that.
 * - Heredocs (§3.6.6, Here Documents): `<<'D'` or `<<"D"` takes the body literally up to the first line that is exactly
 *   `D` (none: refused); a bare `<<D` expands its body, so it is taken only when the body holds no `$`, backtick or
 *   backslash; `<<-` (tabs stripped) is not a form. A body holding `{reference}` is refused: a value known only at
 *   deploy time could hold the delimiter and end the heredoc. The heredocs write /etc/squid/squid.conf (once: its body
 *   is the result) or the CloudWatch agent's JSON configuration, nothing else.
 * - Squid reads the written file only if it starts after it is written: Squid is installed before and (re)started
 *   after the squid.conf heredoc, and where Debian's package starts Squid with its own configuration on install
 *   (`apt-get`), the script must `systemctl restart squid` afterwards.
 */
export type SquidFromScript =
  | { readonly kind: 'read'; readonly text: string }
  | { readonly kind: 'unreadable'; readonly why: Bilingual };

/**
 * The squid.conf the boot script `script` (user data decoded to text, `{reference}` where a part is known only at deploy
 * time) writes for Squid to load, or why it cannot be read (see `SquidFromScript`); kept per text, as several rules ask.
 */
export const squidConfiguration: (script: string) => SquidFromScript = memoizeBounded(256, read);

const SQUID_CONF = '/etc/squid/squid.conf';

/** What a recognised line does, where that matters to what Squid loads. */
type Role = 'install' | 'start' | 'restart' | 'heredoc' | 'if-block';

interface Form {
  readonly pattern: RegExp;
  readonly role?: Role;
  /** The line needs bash (dash, /bin/sh on Debian, stops at it or reads it otherwise). */
  readonly bash?: boolean;
}

/** The α′ script's check of the decoded ARN: this `if` line, then exactly the three lines of IF_BODY. */
const IF_BODY = [
  "  echo 'jichitai-network: the CA secret ARN in the user data is not a Secrets Manager secret ARN; not configuring the proxy' >&2",
  '  exit 1',
  'fi',
];

/** Packages an install line may name: Squid, and what the scripts fetch and ship logs with. */
const PACKAGES = new Set(['squid', 'squid-openssl', 'curl', 'amazon-cloudwatch-agent', 'ca-certificates']);

/** A literal line as an anchored pattern. */
const exact = (line: string): RegExp => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

/**
 * The CloudWatch agent loading its configuration file (captured) and (re)starting (`-s`), as the library's boot
 * scripts write it: a whole logical line (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Agent-commandline-fleet.html).
 */
export const AGENT_START = /^\/opt\/aws\/amazon-cloudwatch-agent\/bin\/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:(\/opt\/aws\/amazon-cloudwatch-agent\/etc\/[A-Za-z0-9._-]+\.json)$/;

/** The recognised lines (anchored: the whole logical line must match). */
const FORMS: readonly Form[] = [
  // Shell options: stop at the first failure (bash's `pipefail`).
  { pattern: exact('set -euo pipefail'), bash: true },
  // apt-get without prompts (Debian).
  { pattern: exact('export DEBIAN_FRONTEND=noninteractive') },
  // Package lists (Debian).
  { pattern: exact('apt-get update') },
  // Packages from the distribution's repositories, names from PACKAGES (checked after the match).
  { pattern: /^(apt-get install -y --no-install-recommends|dnf install -y) ([a-z0-9 -]+)$/, role: 'install' },
  // The CA secret ARN, base64-encoded by the engine (whose alphabet cannot end the quoted word) or a deploy-time reference.
  // A reference the engine did not encode (`{reference}`) may hold a quote and a command: not a form.
  { pattern: new RegExp(`^SECRET_ARN_BASE64='(?:[A-Za-z0-9+/=]*|${BASE64_REFERENCE.replace(/[{}]/g, '\\$&')})'$`) },
  // Its decoding.
  { pattern: exact('SECRET_ARN=$(printf \'%s\' "$SECRET_ARN_BASE64" | base64 -d)') },
  // The grammar of a Secrets Manager secret ARN, as an extended regular expression.
  { pattern: exact("ARN_PATTERN='^arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$'") },
  // The decoded ARN checked against it (IF_BODY follows).
  { pattern: exact('if [[ ! $SECRET_ARN =~ $ARN_PATTERN ]]; then'), role: 'if-block', bash: true },
  // The region: the ARN's fourth field (a here-string).
  { pattern: exact('REGION=$(cut -d: -f4 <<<"$SECRET_ARN")'), bash: true },
  // The directory of the interception CA.
  { pattern: exact('install -d -m 0750 -o squid -g squid /etc/squid/ssl') },
  // File modes of what follows.
  { pattern: /^umask 0(?:77|22)$/ },
  // The CA from Secrets Manager, written to ca.pem / ca.key by Python (one logical line: the first ends in a backslash).
  {
    pattern: exact('aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ARN" --query SecretString --output text   '
      + '| python3 -c \'import json, sys; s = json.load(sys.stdin); open("/etc/squid/ssl/ca.pem", "w").write(s["certificate"]); '
      + 'open("/etc/squid/ssl/ca.key", "w").write(s["privateKey"])\''),
  },
  // The CA's owner and modes.
  { pattern: exact('chown squid:squid /etc/squid/ssl/ca.pem /etc/squid/ssl/ca.key') },
  { pattern: exact('chmod 0600 /etc/squid/ssl/ca.key') },
  { pattern: exact('chmod 0644 /etc/squid/ssl/ca.pem') },
  // A heredoc to squid.conf or to the CloudWatch agent's configuration; the delimiter quoted or bare.
  {
    pattern: /^cat > (\/etc\/squid\/squid\.conf|\/opt\/aws\/amazon-cloudwatch-agent\/etc\/[A-Za-z0-9._-]+\.json) <<(?:'(\w+)'|"(\w+)"|(\w+))$/,
    role: 'heredoc',
  },
  // The database of generated host certificates (Amazon Linux 2023's helper path).
  { pattern: exact('rm -rf /var/lib/squid/ssl_db') },
  { pattern: exact('/usr/lib64/squid/security_file_certgen -c -s /var/lib/squid/ssl_db -M 16MB') },
  { pattern: exact('chown -R squid:squid /var/lib/squid/ssl_db') },
  // Squid checks the written configuration (and exits).
  { pattern: exact(`squid -k parse -f ${SQUID_CONF}`) },
  // Squid started; `enable --now` leaves a running Squid as it is.
  { pattern: exact('systemctl enable --now squid'), role: 'start' },
  { pattern: exact('systemctl restart squid'), role: 'restart' },
  // The CloudWatch agent's Debian package from AWS, and its installation.
  { pattern: exact('curl -fsSL --retry 5 -o /tmp/amazon-cloudwatch-agent.deb https://amazoncloudwatch-agent.s3.amazonaws.com/debian/amd64/latest/amazon-cloudwatch-agent.deb') },
  { pattern: exact('dpkg -i -E /tmp/amazon-cloudwatch-agent.deb') },
  // The agent loads its configuration and (re)starts.
  { pattern: AGENT_START },
];

function read(script: string): SquidFromScript {
  const lines = script.split('\n');
  const odd = lines.findIndex((l) => /[\r\0]/.test(l));
  if (odd >= 0) {
    return unreadable(`line ${odd + 1} holds a ${lines[odd].includes('\0') ? 'NUL' : 'carriage return'}: ${quote(lines[odd])}`,
      `${odd + 1} 行目に${lines[odd].includes('\0') ? ' NUL ' : '復帰（CR）'}がある: ${quote(lines[odd])}`);
  }
  const shell = lines[0] === '#!/bin/bash' ? 'bash' : lines[0] === '#!/bin/sh' ? 'sh' : undefined;
  if (!shell) {
    return unreadable(`the boot script does not start with #!/bin/bash or #!/bin/sh, so cloud-init does not run it as one: ${quote(lines[0])}`,
      `ブートスクリプトが #!/bin/bash または #!/bin/sh で始まらず、cloud-init がスクリプトとして実行しない: ${quote(lines[0])}`);
  }
  let conf: string | undefined;
  // Whether Debian's package started Squid with its own configuration, and whether the script restarts it afterwards.
  let debianStarted = false;
  let restarted = false;
  let i = 1;
  while (i < lines.length) {
    const n = i + 1;
    let line = lines[i++];
    if (/^[ \t]*(?:#|$)/.test(line)) continue;
    // The whole joined line is scanned each time: a continued line may end inside double quotes.
    while (continues(line)) {
      if (i >= lines.length || (i === lines.length - 1 && lines[i] === '')) {
        return unreadable(`line ${n} ends in a backslash and no line follows: ${quote(line)}`,
          `${n} 行目がバックスラッシュで終わり、続く行がない: ${quote(line)}`);
      }
      line = line.slice(0, -1) + lines[i++];
    }
    const form = FORMS.find((f) => f.pattern.test(line));
    if (!form) {
      return unreadable(`line ${n} is not a command of the proxy boot scripts the guard reads: ${quote(line)}`,
        `${n} 行目は、ガードが読むプロキシのブートスクリプトのコマンドではない: ${quote(line)}`);
    }
    if (form.bash && shell === 'sh') {
      return unreadable(`line ${n} needs bash, and the script runs under /bin/sh: ${quote(line)}`,
        `${n} 行目は bash を必要とするが、スクリプトは /bin/sh で動く: ${quote(line)}`);
    }
    switch (form.role) {
      case 'if-block':
        if (IF_BODY.some((l, k) => lines[i + k] !== l)) {
          return unreadable(`line ${n} is not followed by the ARN check's own lines: ${quote(line)}`,
            `${n} 行目の後に ARN の検査の行が続いていない: ${quote(line)}`);
        }
        i += IF_BODY.length;
        break;
      case 'install': {
        const [, manager, list] = form.pattern.exec(line)!;
        const packages = list.split(' ');
        if (!packages.every((p) => PACKAGES.has(p))) {
          return unreadable(`line ${n} installs a package other than Squid, curl and the CloudWatch agent: ${quote(line)}`,
            `${n} 行目が Squid、curl、CloudWatch エージェント以外のパッケージを導入する: ${quote(line)}`);
        }
        if (packages.includes('squid') || packages.includes('squid-openssl')) {
          if (conf !== undefined) {
            return unreadable(`line ${n} installs Squid after the script writes ${SQUID_CONF}: ${quote(line)}`,
              `${n} 行目が ${SQUID_CONF} を書いた後で Squid を導入する: ${quote(line)}`);
          }
          if (manager.startsWith('apt-get')) debianStarted = true;
        }
        break;
      }
      case 'start':
      case 'restart':
        if (conf === undefined) {
          return unreadable(`line ${n} starts Squid before the script writes ${SQUID_CONF}: ${quote(line)}`,
            `${n} 行目が ${SQUID_CONF} を書く前に Squid を起動する: ${quote(line)}`);
        }
        if (form.role === 'restart') restarted = true;
        break;
      case 'heredoc': {
        const [, target, single, double, bare] = form.pattern.exec(line)!;
        const delimiter = single ?? double ?? bare;
        const end = lines.indexOf(delimiter, i);
        if (end < 0) {
          return unreadable(`line ${n} starts a heredoc that no line "${delimiter}" ends: ${quote(line)}`,
            `${n} 行目のヒアドキュメントを終える行 "${delimiter}" がない: ${quote(line)}`);
        }
        const body = lines.slice(i, end);
        i = end + 1;
        if (bare !== undefined && body.some((l) => /[$`\\]/.test(l))) {
          return unreadable(`line ${n} starts an unquoted heredoc whose body holds $, \` or \\, which bash expands: ${quote(line)}`,
            `${n} 行目の引用符なしのヒアドキュメントの本文に、bash が展開する $、\`、\\ がある: ${quote(line)}`);
        }
        if (body.some((l) => l.includes('{reference}'))) {
          return unreadable(`line ${n} starts a heredoc whose body holds a value known only at deploy time: ${quote(line)}`,
            `${n} 行目のヒアドキュメントの本文に、デプロイ時にしか決まらない値がある: ${quote(line)}`);
        }
        if (target === SQUID_CONF) {
          if (conf !== undefined) return unreadable(`line ${n} writes ${SQUID_CONF} a second time: ${quote(line)}`, `${n} 行目が ${SQUID_CONF} をもう一度書く: ${quote(line)}`);
          conf = body.map((l) => `${l}\n`).join('');
        }
        break;
      }
    }
  }
  if (conf === undefined) return unreadable(`the boot script writes no ${SQUID_CONF}`, `ブートスクリプトが ${SQUID_CONF} を書かない`);
  if (debianStarted && !restarted) {
    return unreadable(`Debian's squid package starts Squid with its own configuration, and the script does not restart it after writing ${SQUID_CONF}`,
      `Debian の squid パッケージは独自の設定で Squid を起動するが、スクリプトは ${SQUID_CONF} を書いた後で再起動しない`);
  }
  return { kind: 'read', text: conf };
}

/** One command of a script as bash reads it, with the body of the heredoc it opens. */
export interface ScriptCommand {
  /** The logical line: continued lines joined. */
  readonly line: string;
  /** The lines of the heredoc the command opens, up to its delimiter (or the end of the script, where bash ends it too). */
  readonly heredoc?: readonly string[];
}

/** A heredoc operator (`<<D`, `<<'D'`, `<<"D"`, `<<-D`), not a here-string (`<<<`). */
const HEREDOC = /(?<!<)<<(?!<)(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_]+))/;

/**
 * The commands of a script as bash reads them, for what only a command does (the CloudWatch agent started, LOG-1): a
 * comment line (first non-blank character `#`) and a blank one are no command, lines continued with a backslash are
 * one, and a heredoc's body (up to the line that is its delimiter; with `<<-`, after leading tabs) is no command but
 * the opening command's text (Bash Reference Manual §3.1.2.1, §3.1.3, §3.6.6). A line that merely holds `<<` in quotes
 * is read as opening a heredoc too: the lines taken as its body then count as no command (fail closed).
 */
export function scriptCommands(script: string): ScriptCommand[] {
  const lines = script.split('\n');
  const out: ScriptCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    let line = lines[i++];
    if (/^[ \t]*(?:#|$)/.test(line)) continue;
    while (continues(line) && i < lines.length) line = line.slice(0, -1) + lines[i++];
    const h = HEREDOC.exec(line);
    if (!h) {
      out.push({ line });
      continue;
    }
    const delimiter = h[2] ?? h[3] ?? h[4];
    const end = lines.findIndex((l, k) => k >= i && (h[1] === '-' ? l.replace(/^\t+/, '') : l) === delimiter);
    const stop = end < 0 ? lines.length : end;
    out.push({ line, heredoc: lines.slice(i, stop) });
    i = stop + 1;
  }
  return out;
}

/**
 * Whether bash goes on with the next line: the line ends in a backslash that is not escaped and not inside single
 * quotes (inside double quotes, backslash-newline is removed too). A line ending inside quotes goes on as a multi-line
 * word; no form holds one, so that line is refused as it stands.
 */
function continues(line: string): boolean {
  let quoted: '' | "'" | '"' = '';
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quoted === "'") {
      if (c === "'") quoted = '';
    } else if (c === '\\') {
      if (k === line.length - 1) return true;
      k++;
    } else if (c === '"') {
      quoted = quoted === '"' ? '' : '"';
    } else if (c === "'" && quoted === '') {
      quoted = "'";
    }
  }
  return false;
}

function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 79)}…` : line);
}

function unreadable(en: string, ja: string): SquidFromScript {
  return { kind: 'unreadable', why: { en, ja } };
}
