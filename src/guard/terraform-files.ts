import * as fs from 'fs';
import * as path from 'path';

/**
 * The other Terraform configuration files in the directory of a configuration file the guard reads (a `cdk.tf.json`,
 * any `*.tf.json` given to the CLI, a hub's configuration given as evidence), by name, sorted: Terraform loads every
 * `.tf` and `.tf.json` file of its working directory and merges `override.tf`, `override.tf.json`, `*_override.tf` and
 * `*_override.tf.json` into the others (https://developer.hashicorp.com/terraform/language/files,
 * .../language/files/override; OpenTofu also `.tofu` and `.tofu.json`, https://opentofu.org/docs/language/files/override),
 * so a route in `extra.tf` beside `cdk.tf.json` is applied though the guard never read it (GUARD-1). Variable files
 * (`.tfvars`, `.tfvars.json`), the lock file, state and `.terraform/` are no configuration; Terraform skips hidden files
 * (a name starting with ".") and directories, so they are left out too. A file given under another name (`stack.json`)
 * is no file of a Terraform working directory: nothing beside it counts.
 */
export function terraformFilesBeside(file: string): string[] {
  const self = path.basename(file);
  if (!/\.(?:tf|tofu)\.json$/.test(self)) return [];
  const dir = path.dirname(file);
  return fs.readdirSync(dir).filter((n) => n !== self && !n.startsWith('.') && /\.(?:tf|tofu)(?:\.json)?$/.test(n) && !isDirectory(path.join(dir, n))).sort();
}

/** A directory (Terraform reads no directory as a file); what cannot be stat'ed (a broken link) counts as a file. */
function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
