/**
 * The design documents' tests build the reference examples (examples/blueprints.ts) in both engines and read what they
 * synthesized back into a topology graph, as the guard at synth and the CLI do.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { TerraformStack, Testing } from 'cdktf';
import { breakoutPortReason } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { cdk, tf } from '../../src';
import { loadArtifact } from '../../src/cli/artifacts';
import { DesignDocumentsInput } from '../../src/docs/model';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractTerraform } from '../../src/guard/extract-terraform';

export type Engine = 'cdk' | 'cdktf';

/**
 * An example synthesized in one engine, as the input of `buildDesignDocuments` (the guard runs inside, on the graph);
 * `change` edits it first (a mutation), and synthesis skips validation so that a refused network is documented too.
 */
export function exampleInput(
  engine: Engine, name: string,
  change?: { cdk?: (stack: Stack, net: cdk.MunicipalNetwork) => void; cdktf?: (stack: TerraformStack, net: tf.MunicipalNetwork) => void },
): DesignDocumentsInput & { template: string } {
  if (engine === 'cdk') {
    // Through a cdk.out, as the CLI reads it: construct paths from the metadata, the acknowledgements made in code.
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-docs-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const { stack, network } = buildCdkExample(name, app);
    change?.cdk?.(stack, network);
    app.synth({ skipValidation: true });
    const loaded = loadArtifact(outdir);
    const file = loaded.units[0].stacks.find((s) => s.name === stack.stackName)!.file!;
    const text = fs.readFileSync(file, 'utf8');
    return {
      graph: loaded.units[0].graph,
      stack: stack.stackName,
      options: { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase },
      acknowledgements: loaded.acknowledgements ?? [],
      flows: declaredFlowsOf(stack),
      hosts: declaredHostsOf(stack),
      blueprint: network.blueprint.props,
      templates: [{ name: path.basename(file), content: text }],
      template: text,
    };
  }
  const { stack, network } = buildTfExample(name, Testing.app());
  change?.cdktf?.(stack, network);
  // With each resource's construct path in its "//" metadata, as the guard at synth reads it (Testing.synth drops it).
  const text = JSON.stringify(stack.toTerraform(), null, 2);
  // As examples/tf/_app.ts acknowledges it on the LGWAN segment (the CDKTF guard keeps it in process).
  const reason = breakoutPortReason(network.blueprint.props);
  return {
    acknowledgements: reason ? [{ scopePath: network.lgwan.node.path, ruleId: 'AP-5', reason }] : [],
    graph: extractTerraform({ [stack.node.id]: JSON.parse(text) }),
    stack: stack.node.id,
    options: { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase },
    flows: declaredFlowsOf(stack),
    hosts: declaredHostsOf(stack),
    blueprint: network.blueprint.props,
    templates: [{ name: 'cdk.tf.json', content: text }],
    template: text,
  };
}

/** A tiny RFC 4180 reader (quoted fields, doubled quotes, CRLF records, line breaks inside quotes), for reading CSV back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { record.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { record.push(field); rows.push(record); record = []; field = ''; i += 2; continue; }
    if (c === '"' || c === '\n' || c === '\r') throw new Error(`not RFC 4180 at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`);
    field += c; i++;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return rows;
}
