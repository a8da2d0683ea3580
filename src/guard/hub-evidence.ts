/**
 * A security cloud hub's evidence for a member synthesized in another app or account (自治体情報セキュリティクラウドの
 * 証跡): the hub's synthesized artifact and its deployed outputs. The member's literal ids that equal an output's value
 * are bound to the hub node the output's expression names, and the hub's attachment declared for the member's code to
 * the member's own attachment, so that the guard judges the member over member + hub (docs/guard-semantics.md §13).
 * Engine-neutral: it reads CloudFormation and Terraform JSON, and imports no engine.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { BoundIds } from './builder';
import { artifactMetadataOf, assemblyStacksOf, assemblyTagsOf, CloudAssemblyError, logicalIdPathsOf } from './cloud-assembly';
import type { CloudFormationTemplate, StackTags } from './extract-cloudformation';
import type { TerraformJson } from './extract-terraform';
import { GraphNode, nodesOf, Ref, TopologyGraph, UnresolvedValue } from './graph';
import { parseStrictJson, RepeatedKey } from './strict-json';
import { terraformFilesBeside } from './terraform-files';
import { SecurityCloudHubEvidence } from '../model/guard-options';
import { MUNICIPALITY_TAG_KEY, SECURITY_CLOUD_HUB, SECURITY_CLOUD_TAG_KEY } from '../model/security-cloud';

/** Where the evidence comes from (the guard option `securityCloudHub`, or the CLI's `--hub` / `--hub-outputs`). */
export interface HubEvidenceSource {
  readonly artifact: string;
  readonly outputs: string;
  /** How the caller names the two (in error messages): `securityCloudHub.artifact`, `--hub`. */
  readonly artifactFlag: string;
  readonly outputsFlag: string;
}

/** The hub's evidence, read. */
export interface HubEvidence {
  readonly engine: TopologyGraph['engine'];
  readonly source: HubEvidenceSource;
  /** Every file read, with its SHA-256: the auditor checks that these are the hub's. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  /** The hub's stacks by name: CloudFormation templates or Terraform JSON configurations. */
  readonly stacks: Readonly<Record<string, CloudFormationTemplate | TerraformJson>>;
  /** Construct paths by logical ID per stack, from a cloud assembly's manifest (findings name hub constructs). */
  readonly paths: Readonly<Record<string, Record<string, string>>>;
  /**
   * The tags each stack of a cloud assembly is deployed with (its artifact's `tags`, semantics §3): CloudFormation gives
   * them to the stack's resources, so a `jichitai:` one labels the hub's resources. None for a template or Terraform.
   */
  readonly tags: Readonly<Record<string, StackTags>>;
  /** The deployed output values by stack and output name (strings only: ids and ARNs). */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The evidence is unusable: every problem, each naming the option or flag and the fix. */
export class HubEvidenceError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`the security cloud hub's evidence cannot be used (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** A file of the evidence repeats a key (`parseStrictJson`). */
class RepeatedKeys extends Error {
  constructor(public readonly keys: readonly RepeatedKey[]) {
    super('repeated keys');
  }
}

/** The evidence given for a stack by another `TopologyGuard.apply`: the same files, or an error (one stack joins one hub). */
export function sameEvidence(where: string, a: SecurityCloudHubEvidence | undefined, b: SecurityCloudHubEvidence): SecurityCloudHubEvidence {
  if (a && (a.artifact !== b.artifact || a.outputs !== b.outputs)) {
    throw new Error(`[${where}] securityCloudHub is given twice with different files (${a.artifact}, ${a.outputs} and ${b.artifact}, ${b.outputs}); `
      + 'a member joins one hub: give the evidence of that hub once');
  }
  return b;
}

/** The key of a hub stack among the member's stacks in the merged extraction (a member stack cannot be named so). */
export function hubStackKey(stack: string): string {
  return `hub:${stack}`;
}

/** A member's records by stack (construct paths, stack tags) with the hub's evidence's beside them, under `hubStackKey`. */
export function withHubStacks<T, H extends T>(own: Readonly<Record<string, T>>, hub: Readonly<Record<string, H>>): Record<string, T> {
  return { ...own, ...Object.fromEntries(Object.entries(hub).map(([n, v]) => [hubStackKey(n), v])) };
}

/**
 * Read the hub's artifact (CloudFormation: a cdk.out directory or a template JSON; Terraform: a cdk.tf.json or a
 * cdktf.out directory) and its outputs (`cdk deploy --outputs-file`: { stack: { output: value } }; `terraform output
 * -json`: { output: { value } }; or the former shape for Terraform stacks), checked against each other. `engine` is the
 * guard's: evidence of the other engine is refused. Throws `HubEvidenceError` with every problem at once.
 */
export function readHubEvidence(source: HubEvidenceSource, engine: TopologyGraph['engine']): HubEvidence {
  const problems: string[] = [];
  const files: { path: string; sha256: string }[] = [];
  const read = (file: string, flag: string): unknown => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      problems.push(`${flag} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)}); give the path of the hub's ${flag === source.outputsFlag ? 'deployed outputs JSON' : 'synthesized artifact'}`);
      return undefined;
    }
    files.push({ path: file, sha256: createHash('sha256').update(bytes).digest('hex') });
    try {
      // As check reads its inputs (strict-json.ts): a repeated key is read otherwise by other readers of the file.
      return parseStrictJson(bytes.toString('utf8'), (keys) => new RepeatedKeys(keys));
    } catch (e) {
      problems.push(e instanceof RepeatedKeys
        ? `${flag} ${file}: an object names the same key twice (${e.keys.map((k) => k.path).join(', ')}); JSON.parse keeps only the last, while other readers `
          + 'of the file may not, so the guard would not see what is deployed (GUARD-1): give the JSON the synthesizer or the deployment wrote, each key once'
        : `${flag} ${file}: not valid JSON (${(e as Error).message}); give the JSON the synthesizer or the deployment wrote`);
      return undefined;
    }
  };
  const { stacks, paths, tags, kind } = readArtifact(source, read, problems);
  const outputsJson = read(source.outputs, source.outputsFlag);
  const outputs = outputsJson === undefined ? {} : readOutputs(source, outputsJson, stacks, kind, problems);
  if (kind !== undefined && kind !== engine) {
    problems.push(`${source.artifactFlag} ${source.artifact}: is ${kind === 'cloudformation' ? 'CloudFormation (AWS CDK)' : 'Terraform (CDKTF)'} output, `
      + `but this guard reads ${engine === 'cloudformation' ? 'CloudFormation (AWS CDK)' : 'Terraform (CDKTF)'}; give the hub synthesized with the same engine as the member`);
  }
  if (problems.length > 0) throw new HubEvidenceError(problems);
  return { engine, source, files, stacks, paths, tags, outputs };
}

/**
 * The evidence the guard option `securityCloudHub` names, read for a synth-time guard of `engine`: its problems become
 * validation errors of the stack at `where`, every one at once (both engines' guards).
 */
export function evidenceOfOption(given: SecurityCloudHubEvidence, engine: TopologyGraph['engine'], where: string): { evidence: HubEvidence } | { errors: string[] } {
  try {
    return { evidence: readHubEvidence({ ...given, artifactFlag: 'securityCloudHub.artifact', outputsFlag: 'securityCloudHub.outputs' }, engine) };
  } catch (e) {
    if (e instanceof HubEvidenceError) return { errors: e.problems.map((p) => `[${where}] ${p}`) };
    throw e;
  }
}

/** What a hub's artifact holds: its stacks, with their construct paths and (a cloud assembly's) tags, and its engine. */
interface HubArtifact {
  stacks: Record<string, CloudFormationTemplate | TerraformJson>;
  paths: Record<string, Record<string, string>>;
  tags: Record<string, StackTags>;
  kind?: TopologyGraph['engine'];
}

function readArtifact(source: HubEvidenceSource, read: (file: string, flag: string) => unknown, problems: string[]): HubArtifact {
  const flag = source.artifactFlag;
  const at = source.artifact;
  const stacks: Record<string, CloudFormationTemplate | TerraformJson> = {};
  const paths: Record<string, Record<string, string>> = {};
  const tags: Record<string, StackTags> = {};
  // A manifest is read as the other files are (recorded with its hash), but what cannot be read stops its reading.
  const readManifest = (file: string): unknown => {
    const before = problems.length;
    const json = read(file, flag);
    if (problems.length > before) throw new CloudAssemblyError(problems.splice(before).map((p) => p.replace(`${flag} `, '')).join('; '));
    return json;
  };
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(at);
  } catch (e) {
    problems.push(`${flag} ${at}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)}); give the hub app's cdk.out directory or template (AWS CDK), or its cdk.tf.json (CDKTF)`);
    return { stacks, paths, tags };
  }
  if (stat.isDirectory()) {
    const tf = [path.join(at, 'cdk.tf.json'), ...listStacks(path.join(at, 'stacks'))];
    const tfFiles = tf.filter((f) => fs.existsSync(f));
    if (tfFiles.length > 0) {
      for (const f of tfFiles) {
        stacks[path.basename(path.dirname(path.resolve(f)))] = read(f, flag) as TerraformJson ?? {};
        besideHub(f, flag, problems);
      }
      return { stacks, paths, tags, kind: 'terraform' };
    }
    // As check of the cdk.out reads it (cloud-assembly.ts): nested assemblies followed, a broken manifest refused.
    const artifacts = fromAssembly(() => assemblyStacksOf(at, readManifest), flag, problems);
    if (artifacts === undefined) return { stacks, paths, tags };
    for (const stack of artifacts) {
      stacks[stack.name] = read(stack.file, flag) as CloudFormationTemplate ?? {};
      // Inline or in the artifact's additionalMetadataFile, as check reads them.
      paths[stack.name] = logicalIdPathsOf(fromAssembly(() => artifactMetadataOf(stack, readManifest), flag, problems) ?? {});
      tags[stack.name] = stack.tags;
    }
    if (Object.keys(stacks).length === 0) problems.push(`${flag} ${at}: the cloud assembly holds no CloudFormation stack; give the hub app's cdk.out`);
    return { stacks, paths, tags, kind: 'cloudformation' };
  }
  const json = read(at, flag) as Record<string, unknown> | undefined;
  if (json === undefined) return { stacks, paths, tags };
  if (json && typeof json === 'object' && ('Resources' in json || 'AWSTemplateFormatVersion' in json)) {
    const name = path.basename(at).replace(/\.template\.json$|\.json$/, '');
    stacks[name] = json as CloudFormationTemplate;
    // A template of a cloud assembly is deployed with its stack artifact's tags, as check of the template reads them.
    const given = fromAssembly(() => assemblyTagsOf(at, readManifest), flag, problems);
    if (given !== undefined) tags[name] = given;
    return { stacks, paths, tags, kind: 'cloudformation' };
  }
  if (json && typeof json === 'object' && 'resource' in json) {
    const base = path.basename(at).replace(/\.json$/, '');
    stacks[base === 'cdk.tf' ? path.basename(path.dirname(path.resolve(at))) : base] = json as TerraformJson;
    besideHub(at, flag, problems);
    return { stacks, paths, tags, kind: 'terraform' };
  }
  problems.push(`${flag} ${at}: neither a CloudFormation template ("Resources") nor a Terraform JSON configuration ("resource"); give the hub's synthesized artifact`);
  return { stacks, paths, tags };
}

/** What cloud-assembly.ts read of the hub's cloud assembly, or undefined with why it could not as a problem. */
function fromAssembly<T>(read: () => T, flag: string, problems: string[]): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof CloudAssemblyError)) throw e;
    problems.push(`${flag} ${[e.message, ...e.problems].join(': ')}; give the cloud assembly the synthesizer wrote`);
    return undefined;
  }
}

/**
 * The hub's configuration must be all of it: other Terraform files beside it (`extra.tf`, an override file) change what
 * Terraform applies there, and the guard reads the one file (terraform-files.ts). Refused, as other evidence that does
 * not show the deployed hub is.
 */
function besideHub(file: string, flag: string, problems: string[]): void {
  const others = terraformFilesBeside(file);
  if (others.length === 0) return;
  problems.push(`${flag} ${file}: ${others.join(', ')} ${others.length === 1 ? 'lies' : 'lie'} beside it, and Terraform loads every .tf / .tf.json file of the `
    + 'directory (merging override files) while the guard reads this one only; move those resources into the hub\'s CDKTF app, or remove the files');
}

function listStacks(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((n) => path.join(dir, n, 'cdk.tf.json')) : [];
}

/** The outputs file, checked against the artifact's stacks and declared outputs. */
function readOutputs(source: HubEvidenceSource, json: unknown, stacks: Record<string, CloudFormationTemplate | TerraformJson>,
  kind: TopologyGraph['engine'] | undefined, problems: string[]): Record<string, Record<string, string>> {
  const flag = `${source.outputsFlag} ${source.outputs}`;
  const declared = (stack: string): Record<string, unknown> => (kind === 'cloudformation'
    ? (stacks[stack] as CloudFormationTemplate).Outputs ?? {} : (stacks[stack] as TerraformJson & { output?: Record<string, unknown> }).output ?? {});
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    problems.push(`${flag}: must be a JSON object (cdk deploy --outputs-file, or terraform output -json); give the outputs of the hub's deployment`);
    return {};
  }
  // An unreadable artifact is reported already: nothing to check the outputs against.
  if (kind === undefined) return {};
  const entries = Object.entries(json as Record<string, unknown>);
  // `terraform output -json`: { name: { value, type, sensitive } }, of the one Terraform stack of the artifact.
  const terraformShape = kind === 'terraform' && entries.length > 0 && entries.every(([, v]) => v && typeof v === 'object' && 'value' in (v as object));
  let byStack: [string, unknown][] = entries;
  if (terraformShape) {
    const names = Object.keys(stacks);
    if (names.length !== 1) {
      problems.push(`${flag}: is the output of \`terraform output -json\` (no stack names), but the artifact holds ${names.length} stacks (${names.join(', ')}); `
        + `give ${source.artifactFlag} the one hub stack's cdk.tf.json, or outputs keyed by stack name`);
      return {};
    }
    byStack = [[names[0], Object.fromEntries(entries.map(([k, v]) => [k, (v as { value: unknown }).value]))]];
  }
  const outputs: Record<string, Record<string, string>> = {};
  for (const [stack, values] of byStack) {
    if (!(stack in stacks)) {
      problems.push(`${flag}: names stack ${stack}, which ${source.artifactFlag} ${source.artifact} does not hold (it holds ${Object.keys(stacks).join(', ') || 'none'}); `
        + 'give the outputs and the artifact of the same hub deployment');
      continue;
    }
    if (!values || typeof values !== 'object' || Array.isArray(values)) {
      problems.push(`${flag}: the outputs of stack ${stack} must be an object of output names and values`);
      continue;
    }
    const mine: Record<string, string> = {};
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (!(key in declared(stack))) {
        problems.push(`${flag}: stack ${stack} has no output ${key} in ${source.artifactFlag} ${source.artifact}; the outputs come from another version of the hub: `
          + 'synthesize and deploy the hub again, and give the artifact and outputs of that deployment');
      } else if (typeof value === 'string' && value.length > 0) {
        mine[key] = value;
      }
    }
    outputs[stack] = mine;
  }
  if (Object.values(outputs).every((o) => Object.keys(o).length === 0) && problems.length === 0) {
    problems.push(`${flag}: holds no output value of the hub; give the file \`cdk deploy --outputs-file\` (or \`terraform output -json\`) wrote for the hub's stacks`);
  }
  return outputs;
}

/** One output that binds a literal to a hub node. */
export interface BoundOutput {
  readonly stack: string;
  readonly output: string;
  readonly value: string;
  /** The hub node (its construct path where known, else its id). */
  readonly node: string;
}

/** The hub's attachment declared for a member, bound to the member's own attachment by the municipality code. */
export interface BoundAttachment {
  readonly localGovernmentCode: string;
  readonly attachmentId: string;
  readonly hubRouteTable: string;
  readonly attachment: string;
}

/** What the guard report records of the evidence: enough for an auditor to check every binding. */
export interface HubEvidenceRecord {
  readonly artifact: string;
  readonly outputs: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly stacks: readonly string[];
  readonly boundOutputs: readonly BoundOutput[];
  /** Outputs whose expression names no single hub resource by its id: not used to bind anything. */
  readonly unboundOutputs: readonly { readonly stack: string; readonly output: string; readonly why: string }[];
  readonly boundAttachments: readonly BoundAttachment[];
  /**
   * Stacks of the hub's app that hold other members (VPCs tagged with another municipality's code): paths through them
   * are followed, but the findings located in their resources are theirs (their guard judges them), not this member's.
   */
  readonly otherMembers: readonly { readonly stack: string; readonly localGovernmentCodes: readonly string[] }[];
  readonly assumptions: readonly string[];
}

/**
 * Extract the member's stacks together with the hub's, binding what the evidence proves. `extract` extracts the
 * member's stacks plus the given hub stacks (keyed with `hubStackKey`) with the given bindings; it is called twice: the
 * first graph tells which member attachment goes to the hub's transit gateway, the second is the one judged.
 */
export function extractWithHub(evidence: HubEvidence,
  extract: (hubStacks: Record<string, CloudFormationTemplate | TerraformJson>, bound: BoundIds) => TopologyGraph):
  { graph: TopologyGraph; record: HubEvidenceRecord; othersFinding: (path: string) => boolean } {
  const hubStacks = Object.fromEntries(Object.entries(evidence.stacks).map(([name, s]) => [hubStackKey(name), s]));
  const { bindings, boundOutputs, unboundOutputs, conflicts } = outputBindings(evidence);
  const first = extract(hubStacks, { bindings });
  const pathOf = (id: string) => first.nodes.get(id)?.path ?? id;
  const attachments = attachmentBindings(first, evidence, bindings);
  const all = new Map([...bindings, ...attachments.bindings]);
  const graph = extract(hubStacks, { bindings: all, unresolved: [...conflicts, ...attachments.unresolved] });
  const others = otherMembers(graph, evidence);
  // Another member's resources (tagged with its code, or in its VPC), not the hub's own per-member ones.
  const codes = new Set(others.flatMap((o) => o.localGovernmentCodes));
  const inHub = (id: string) => Object.keys(evidence.stacks).some((s) => id.startsWith(`${hubStackKey(s)}/`));
  const theirVpcs = new Set(nodesOf(graph, 'vpc').filter((v) => inHub(v.id) && !v.hub && codes.has(v.municipality ?? '')).map((v) => v.id));
  const vpcOf = (n: GraphNode) => {
    const vpc = (n as { vpc?: Ref }).vpc;
    return vpc?.kind === 'node' ? vpc.id : undefined;
  };
  const isTheirs = (n: GraphNode) => inHub(n.id) && n.tags[SECURITY_CLOUD_TAG_KEY] !== SECURITY_CLOUD_HUB
    && (codes.has(n.tags[MUNICIPALITY_TAG_KEY] ?? '') || theirVpcs.has(n.id) || theirVpcs.has(vpcOf(n) ?? ''));
  // A path that also names a resource of the member's app (two apps may share construct paths) stays reported.
  const ours = new Set([...graph.nodes.values()].filter((n) => !inHub(n.id)).map((n) => n.path ?? n.id));
  const theirs = new Set([...graph.nodes.values()].filter(isTheirs).map((n) => n.path ?? n.id).filter((p) => !ours.has(p)));
  const record: HubEvidenceRecord = {
    artifact: evidence.source.artifact,
    outputs: evidence.source.outputs,
    files: evidence.files,
    stacks: Object.keys(evidence.stacks).sort(),
    boundOutputs: boundOutputs.map((b) => ({ ...b, node: pathOf(b.node) })),
    unboundOutputs,
    boundAttachments: attachments.bound.map((b) => ({ ...b, hubRouteTable: pathOf(b.hubRouteTable), attachment: pathOf(b.attachment) })),
    otherMembers: others,
    assumptions: [
      'the outputs file was written by the deployment of exactly this artifact (same stacks, same resources)',
      'a literal id equal to an output\'s value names the resource the output\'s expression names (physical ids are unique)',
      ...attachments.bound.map((b) => `the attachment ${b.attachmentId} the hub associates with its route table for member ${b.localGovernmentCode} `
        + `(tag ${MUNICIPALITY_TAG_KEY}) is this app's attachment ${pathOf(b.attachment)} to the hub's transit gateway, the only one tagged with that code`),
      ...(others.length > 0 ? ['the findings located in other members\' stacks of the hub\'s app are theirs (their own guard judges them): they are not reported here; '
        + 'paths of this member through them are'] : []),
    ],
  };
  return { graph, record, othersFinding: (p) => theirs.has(p) };
}

/** The hub app's stacks that hold a VPC of a municipality other than this app's members. */
function otherMembers(graph: TopologyGraph, evidence: HubEvidence): HubEvidenceRecord['otherMembers'][number][] {
  const stackOf = (id: string) => Object.keys(evidence.stacks).find((s) => id.startsWith(`${hubStackKey(s)}/`));
  const vpcs = nodesOf(graph, 'vpc');
  const mine = new Set(vpcs.filter((v) => stackOf(v.id) === undefined && v.municipality !== undefined).map((v) => v.municipality!));
  return Object.keys(evidence.stacks).sort().flatMap((stack) => {
    const theirs = vpcs.filter((v) => stackOf(v.id) === stack && !v.hub && v.municipality !== undefined && !mine.has(v.municipality));
    const codes = [...new Set(theirs.map((v) => v.municipality!))].sort();
    return codes.length > 0 ? [{ stack, localGovernmentCodes: codes }] : [];
  });
}

/** Output values bound to the hub nodes their expressions name (a `Ref` / `GetAtt Arn`, or `${type.name.id|arn}`). */
function outputBindings(evidence: HubEvidence): {
  bindings: Map<string, string>; boundOutputs: BoundOutput[]; unboundOutputs: HubEvidenceRecord['unboundOutputs'][number][]; conflicts: UnresolvedValue[];
} {
  const candidates = new Map<string, BoundOutput[]>();
  const unboundOutputs: HubEvidenceRecord['unboundOutputs'][number][] = [];
  for (const stack of Object.keys(evidence.outputs).sort()) {
    const declared = evidence.engine === 'cloudformation'
      ? (evidence.stacks[stack] as CloudFormationTemplate).Outputs ?? {}
      : (evidence.stacks[stack] as TerraformJson & { output?: Record<string, { value?: unknown }> }).output ?? {};
    for (const [output, value] of Object.entries(evidence.outputs[stack]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const expression = (declared as Record<string, { Value?: unknown; value?: unknown }>)[output];
      const local = evidence.engine === 'cloudformation'
        ? cloudFormationTarget(expression?.Value, evidence.stacks[stack] as CloudFormationTemplate)
        : terraformTarget(expression?.value, evidence.stacks[stack] as TerraformJson);
      if (typeof local !== 'string') {
        unboundOutputs.push({ stack, output, why: local.why });
        continue;
      }
      const bound = { stack, output, value, node: `${hubStackKey(stack)}/${local}` };
      candidates.set(value, [...(candidates.get(value) ?? []), bound]);
    }
  }
  const bindings = new Map<string, string>();
  const boundOutputs: BoundOutput[] = [];
  const conflicts: UnresolvedValue[] = [];
  for (const [value, list] of candidates) {
    const nodes = [...new Set(list.map((b) => b.node))];
    if (nodes.length === 1) {
      bindings.set(value, nodes[0]);
      boundOutputs.push(...list);
    } else {
      // Two resources cannot share a physical id: the outputs contradict the artifact, so neither is trusted.
      conflicts.push({
        node: nodes[0],
        property: 'outputs',
        reason: `the hub's outputs give the same value ${value} to ${list.map((b) => `${b.stack}.${b.output}`).join(', ')}, which name different resources`,
        fix: 'give the outputs file written by the deployment of this hub artifact',
      });
    }
  }
  return { bindings, boundOutputs, unboundOutputs, conflicts };
}

/** The logical ID a CloudFormation output's value names by id (`Ref`, `Fn::GetAtt [id, Arn]`), or why it names none. */
function cloudFormationTarget(value: unknown, template: CloudFormationTemplate): string | { why: string } {
  const v = value as any;
  const resources = template.Resources ?? {};
  if (v && typeof v === 'object' && typeof v.Ref === 'string' && v.Ref in resources) return v.Ref;
  const att = v && typeof v === 'object' ? v['Fn::GetAtt'] : undefined;
  const pair = Array.isArray(att) ? att : typeof att === 'string' ? att.split('.') : undefined;
  if (pair && pair.length === 2 && pair[1] === 'Arn' && String(pair[0]) in resources) return String(pair[0]);
  return { why: `its value ${JSON.stringify(value)} is not a Ref or a GetAtt Arn of one resource of the template` };
}

/** The address a Terraform output's value names by id (`${aws_x.y.id}` / `.arn`), or why it names none. */
function terraformTarget(value: unknown, config: TerraformJson): string | { why: string } {
  const m = typeof value === 'string' ? /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/.exec(value) : null;
  // A bucket's `bucket` is its name, its own id (as `id` is).
  const names = m !== null && (m[3] === 'id' || m[3] === 'arn' || (m[1] === 'aws_s3_bucket' && m[3] === 'bucket'));
  if (m && names && config.resource?.[m[1]]?.[m[2]] !== undefined) return `${m[1]}.${m[2]}`;
  return { why: `its value ${JSON.stringify(value)} is not \${<resource>.id} or \${<resource>.arn} of one resource of the configuration` };
}

/**
 * The hub's attachment ids declared for members (a transit route table of the hub tagged with the member's code, with
 * the attachment id as its one literal association) bound to this app's one attachment to the hub's transit gateway
 * tagged with that code. Whatever cannot be bound so is unresolved, with the fix.
 */
function attachmentBindings(graph: TopologyGraph, evidence: HubEvidence, outputs: ReadonlyMap<string, string>): {
  bindings: Map<string, string>; bound: BoundAttachment[]; unresolved: UnresolvedValue[];
} {
  const inHub = (id: string) => Object.keys(evidence.stacks).some((s) => id.startsWith(`${hubStackKey(s)}/`));
  const hubGateways = new Set(nodesOf(graph, 'transit-gateway').filter((g) => inHub(g.id)).map((g) => g.id));
  const proven = [...outputs.entries()].filter(([, id]) => hubGateways.has(id)).map(([value]) => value);
  const vpcs = new Map(nodesOf(graph, 'vpc').map((v) => [v.id, v]));
  const bindings = new Map<string, string>();
  const bound: BoundAttachment[] = [];
  const unresolved: UnresolvedValue[] = [];
  const members = new Map<string, GraphNode[]>();
  for (const a of nodesOf(graph, 'transit-attachment')) {
    if (inHub(a.id)) continue;
    if (a.transitGateway.kind === 'external' && /^tgw-/.test(a.transitGateway.value) && hubGateways.size > 0) {
      unresolved.push({
        node: a.id,
        property: 'TransitGatewayId',
        reason: `transit gateway ${a.transitGateway.value} is none of the hub evidence's outputs (they prove ${proven.join(', ') || 'no transit gateway'})`,
        fix: 'join the hub whose artifact and outputs are given (its transitGatewayId output), or give the evidence of the hub this member joins',
      });
      continue;
    }
    if (a.transitGateway.kind !== 'node' || !hubGateways.has(a.transitGateway.id)) continue;
    const vpc = a.vpc?.kind === 'node' ? vpcs.get(a.vpc.id) : undefined;
    const code = a.tags[MUNICIPALITY_TAG_KEY] ?? vpc?.municipality;
    if (code === undefined) {
      unresolved.push({
        node: a.id,
        property: 'TransitGatewayId',
        reason: `the attachment to the hub's transit gateway carries no ${MUNICIPALITY_TAG_KEY} tag, so the guard cannot tell which of the hub's member route tables is its`,
        fix: 'join the hub with MunicipalNetwork (localGovernmentCode, internet.securityCloudHub), which tags the attachment with the code',
      });
      continue;
    }
    members.set(code, [...(members.get(code) ?? []), a]);
  }
  const tables = nodesOf(graph, 'transit-route-table').filter((t) => inHub(t.id));
  for (const [code, attachments] of [...members].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mine = tables.filter((t) => t.tags[MUNICIPALITY_TAG_KEY] === code);
    const literals = [...new Set(mine.flatMap((t) => t.associations.filter((r) => r.kind === 'external').map((r) => (r as { value: string }).value)))];
    const fix = `declare the member in the hub's members (localGovernmentCode ${code}, with accountId and this attachment's attachmentId once it is created), `
      + 'deploy the hub again, and give the new artifact and outputs';
    const why = attachments.length > 1 ? `${attachments.length} attachments of member ${code} go to the hub's transit gateway; the hub declares one per member`
      : mine.length === 0 ? `the hub declares no route table for member ${code}, so its attachment is associated with nothing the guard can prove`
        : literals.length !== 1 ? `the hub's route table for member ${code} is associated with ${literals.length === 0 ? 'no attachment id' : `several attachment ids (${literals.join(', ')})`}`
          : mine.length > 1 ? `the hub declares ${mine.length} route tables for member ${code}` : undefined;
    if (why !== undefined) {
      for (const a of attachments) unresolved.push({ node: a.id, property: 'TransitGatewayAttachment', reason: why, fix });
      continue;
    }
    bindings.set(literals[0], attachments[0].id);
    bound.push({ localGovernmentCode: code, attachmentId: literals[0], hubRouteTable: mine[0].id, attachment: attachments[0].id });
  }
  return { bindings, bound, unresolved };
}
