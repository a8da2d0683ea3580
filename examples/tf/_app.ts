/**
 * Builds one reference deployment as a CDKTF app: a Terraform stack with the AWS provider for Tokyo and a local
 * backend, holding a `tf.MunicipalNetwork` built from the blueprint of the same name in ../blueprints.ts. The
 * example entry files (alpha.ts, ...) call this. The configuration plans offline: credentials come from the
 * environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), and the provider is told not to look anything up.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { tf } from '../../src';
import { BLUEPRINTS, breakoutPortReason, SUPPLEMENTARY_BLUEPRINTS, withDesignDocuments } from '../blueprints';

export function buildTfExample(name: string, app?: App): { app: App; stack: TerraformStack; network: tf.MunicipalNetwork } {
  const blueprint = BLUEPRINTS[name] ?? SUPPLEMENTARY_BLUEPRINTS[name];
  if (!blueprint) throw new Error(`unknown example "${name}"; known: ${Object.keys(BLUEPRINTS).join(', ')}`);
  const theApp = app ?? newApp(name);
  const stack = offlineTokyoStack(theApp, `SampleCity-${name}`);
  const network = new tf.MunicipalNetwork(stack, 'Network', withDesignDocuments(blueprint, process.env.JICHITAI_DESIGN_DOCUMENTS));
  // AP-5 (warning): ports besides TLS 443 on the α′ breakout need a reason an auditor can read.
  const portReason = breakoutPortReason(blueprint);
  if (portReason) tf.TopologyGuard.acknowledge(network.lgwan, 'AP-5', portReason);
  return { app: theApp, stack, network };
}

/**
 * A Terraform stack with a local backend and the AWS provider for Tokyo (or `region`), configured to plan offline (the
 * examples', the generated apps of `npm run bench` and the blueprint fuzz, whose zones may be in other regions).
 */
export function offlineTokyoStack(app: App, id: string, region = 'ap-northeast-1'): TerraformStack {
  const stack = new TerraformStack(app, id);
  // The state stays next to the synthesized configuration (cdktf.out/<name>/stacks/<stack>/).
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  new AwsProvider(stack, 'aws', {
    // The AZ names in the examples' blueprints are Tokyo's.
    region,
    // No STS, IMDS or region look-up: `terraform plan` works offline with placeholder credentials.
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#skip_credentials_validation
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
  });
  return stack;
}

/** An app that writes to cdktf.out/<name> at the repository root (App itself creates only the last folder). */
function newApp(name: string): App {
  const outdir = path.join(__dirname, '..', '..', 'cdktf.out', name);
  fs.mkdirSync(outdir, { recursive: true });
  return new App({ outdir });
}
