import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { sharedTmpdir } from './shared-tmpdir';
import { findExecutable } from './tools';

/** The provider the offline mirror holds (DESIGN.md: @cdktf/provider-aws 20.1.0 targets hashicorp/aws 5.100.0). */
export const AWS_PROVIDER = { source: 'registry.terraform.io/hashicorp/aws', version: '5.100.0' } as const;

/**
 * The folder that holds `registry.terraform.io/hashicorp/aws/5.100.0/`: from JICHITAI_TF_MIRROR when set (CI
 * exports it), else found on disk. Never a hard-coded path (DESIGN.md "Offline terraform").
 */
export function findTerraformMirror(): string | undefined {
  const holds = (root: string) => fs.existsSync(path.join(root, AWS_PROVIDER.source, AWS_PROVIDER.version));
  const fromEnv = process.env.JICHITAI_TF_MIRROR;
  if (fromEnv) return holds(fromEnv) ? fromEnv : undefined;
  // The search below costs seconds (a walk of the file system) in every test file that needs terraform: its answer is
  // kept for this user in the temporary folder and used while the folder it names still holds the provider.
  const remembered = path.join(sharedTmpdir(), `jichitai-tf-mirror-${process.getuid?.() ?? 'user'}.txt`);
  try {
    const known = fs.readFileSync(remembered, 'utf8').trim();
    if (known && holds(known)) return known;
  } catch {
    // Nothing remembered yet.
  }
  const found = searchMirror(holds);
  if (found) {
    try {
      fs.writeFileSync(remembered, `${found}\n`);
    } catch {
      // Only a cache: the next test file searches again.
    }
  }
  return found;
}

function searchMirror(holds: (root: string) => boolean): string | undefined {
  try {
    const found = execFileSync('find', ['/', '-xdev', '-maxdepth', '5', '-type', 'd', '-name', 'registry.terraform.io'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000,
    });
    return found.split('\n').filter(Boolean).map((d) => path.dirname(d)).sort().find(holds);
  } catch (e) {
    // find exits non-zero on unreadable folders but still prints what it found.
    const out = String((e as { stdout?: string }).stdout ?? '');
    return out.split('\n').filter(Boolean).map((d) => path.dirname(d)).sort().find(holds);
  }
}

export interface TerraformSetup {
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Writes a CLI configuration that installs the AWS provider from the mirror only (no network), and returns
 * the environment to run terraform with: that configuration, fake credentials, no checkpoint calls.
 * TF_CLI_CONFIG_FILE is always overridden: a machine may point it at a file that does not exist.
 */
export function prepareTerraform(workDir: string, mirror: string, terraform: string): TerraformSetup {
  const cliConfig = path.join(workDir, 'terraform.tfrc');
  fs.writeFileSync(cliConfig, [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER.source)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(AWS_PROVIDER.source)}]`,
    '  }',
    '}',
    '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-offline-plan',
    AWS_REGION: 'ap-northeast-1',
    // terraform and the AWS provider are Go programs, and most of their CPU in these tests goes to the garbage
    // collector while the provider's schema (thousands of resource types) is built, once per provider process (two to
    // three per command). No collection until the heap reaches 512 MiB (GOGC=off with a soft limit, GOMEMLIMIT) cuts the
    // CPU of validate + plan + show of an example by about a quarter (11.3 s to 8.2 s measured, peak 320 to 560 MB).
    // Only the collector's pacing changes, not what terraform computes.
    // https://pkg.go.dev/runtime#hdr-Environment_Variables, https://go.dev/doc/gc-guide#Memory_limit
    GOGC: 'off',
    GOMEMLIMIT: '512MiB',
  };
  delete env.TF_PLUGIN_CACHE_DIR;
  delete env.AWS_PROFILE;
  return { terraform, env };
}

/**
 * Run terraform in a folder; throws with its output when it fails.
 *
 * The tests call no `terraform validate` before a `terraform plan`: plan validates the configuration before it plans
 * and fails with the same errors (checked with terraform 1.11: a reference to an undeclared resource fails both with
 * "Reference to undeclared resource"), while each command starts the 700 MB AWS provider again to load its schema
 * (about 3 s of CPU per configuration). A configuration that is only validated, never planned, still runs `validate`.
 */
export function runTerraform(setup: TerraformSetup, cwd: string, args: string[]): string {
  const result = spawnSync(setup.terraform, [...args, '-no-color'], { cwd, env: setup.env, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`terraform ${args.join(' ')} failed (exit ${result.status}) in ${cwd}:\n${output.slice(-4000)}`);
  return output;
}

/** terraform, if installed. */
export function findTerraform(): string | undefined {
  return findExecutable('terraform');
}
