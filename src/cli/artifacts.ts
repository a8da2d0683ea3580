import * as fs from 'fs';
import * as path from 'path';
import { CliError } from './io';
import type { DescribedStack } from '../docs/scope';
import { Acknowledgement, acknowledgementProblem, ruleOfGuardFindingId } from '../guard/acknowledge';
import { artifactMetadataOf, assemblyStacksOf, assemblyTagsOf, CloudAssemblyError, logicalIdPathsOf, StackArtifact } from '../guard/cloud-assembly';
import { reportFileName } from '../guard/evaluate';
import { CloudFormationTemplate, extractCloudFormation, StackTags } from '../guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../guard/extract-terraform';
import { extractTerraformPlan, isTerraformPlan } from '../guard/extract-terraform-plan';
import { TopologyGraph } from '../guard/graph';
import { extractWithHub, HubEvidence, HubEvidenceError, HubEvidenceRecord, HubEvidenceSource, readHubEvidence, withHubStacks } from '../guard/hub-evidence';
import { Finding } from '../guard/rule';
import { parseStrictJson, RepeatedKey } from '../guard/strict-json';
import { terraformFilesBeside } from '../guard/terraform-files';
import { isObject } from '../model/validate-common';

/** The kinds of artifact `check` reads. */
export type ArtifactKind = 'cdk-out' | 'cloudformation-template' | 'cdktf-out' | 'terraform-json' | 'terraform-plan';

/** One stack of a checked unit: its name, which of the unit's findings it reports, and where its source file is. */
export interface CheckedStack {
  readonly name: string;
  /** The stack's file (template or Terraform JSON), for SARIF's physical locations. */
  readonly file?: string;
  /** Which findings of the unit's graph this stack reports. @default all */
  readonly reports?: (f: Finding) => boolean;
  /**
   * Which findings its design documents' 対応表 counts: those of every stack they describe (`described`), so that a
   * document never shows a stack's forbidden path as PASS. @default `reports`
   */
  readonly documents?: (f: Finding) => boolean;
  /** The logical ID / address a finding's node has in the file (for the line of a SARIF location). */
  readonly localId?: (nodeId: string) => string | undefined;
  /**
   * What the stack's design documents describe when its unit holds other stacks too (a CDK prefecture: the hub and every
   * member), as the guard's documents at synth do: the stack and the unit's stacks nobody guarded (the hub). @default - the
   * whole graph (a unit of one stack)
   */
  readonly described?: DescribedScope;
}

/** The stacks a multi-stack unit's stack's design documents describe, and how the CLI knows which were guarded. */
export interface DescribedScope {
  readonly stacks: readonly DescribedStack[];
  /**
   * No stack of the unit left a guard report (`jichitai-guard-report.<stack>.json`) in the cloud assembly, so which were
   * guarded at synth is unknown: every stack counts as unguarded and every one is described (never too little).
   */
  readonly guardUnrecorded: boolean;
}

/** One graph and the stacks whose reports come from it (the stacks linked by cross-stack references). */
export interface CheckUnit {
  readonly graph: TopologyGraph;
  readonly stacks: readonly CheckedStack[];
  /** What the security cloud hub's evidence (`--hub`) bound in this graph, for the report. */
  readonly hubEvidence?: HubEvidenceRecord;
}

/** What an artifact on the command line holds. */
export interface LoadedArtifact {
  readonly input: string;
  readonly kind: ArtifactKind;
  readonly units: readonly CheckUnit[];
  /**
   * Acknowledgements the artifact records itself: in a cdk.out, those made in code (`TopologyGuard.acknowledge`,
   * `Validations.of(scope).acknowledge`), which the cloud assembly keeps as `aws:cdk:acknowledged-rules` metadata.
   */
  readonly acknowledgements?: readonly Acknowledgement[];
}

/**
 * Read one artifact named on the command line. THE SWITCH PER KIND is `loadArtifact` below: a new kind (the Terraform
 * plan extractor) is one `case` that returns its units.
 */
export function loadArtifact(input: string, selected: StackFilter = () => true, hub?: HubEvidenceSource, account?: string): LoadedArtifact {
  const { kind, json } = detectKind(input);
  const name = stackNameOfFile(input);
  switch (kind) {
    case 'cdk-out':
      return { input, kind, ...loadCdkOut(input, selected, hub) };
    case 'cloudformation-template': {
      if (!selected(name)) return { input, kind, units: [] };
      // A template of a cloud assembly is deployed with its stack artifact's tags (assemblyTagsOf).
      const tags = ofAssembly(() => assemblyTagsOf(input, readAssemblyJson));
      const stack: TemplateFile = { template: json as CloudFormationTemplate, file: input, tags };
      return { input, kind, units: [cloudFormationUnit({ [name]: stack }, selected, hub)] };
    }
    case 'cdktf-out':
      return { input, kind, units: loadCdktfOut(input, selected, hub) };
    case 'terraform-json':
      return { input, kind, units: selected(name) ? [terraformUnit(name, json as TerraformJson, input, hub)] : [] };
    case 'terraform-plan':
      // Plain HCL planned anywhere: node ids are the resources' addresses (module.x.aws_subnet.y[0]).
      if (hub) throw new CliError(`${input}: --hub binds a member's synthesized configuration (cdk.tf.json); a plan's values are already resolved by Terraform. Check the member's cdk.tf.json with --hub`);
      if (!selected(name)) return { input, kind, units: [] };
      return { input, kind, units: [{ graph: planGraph(input, json, account), stacks: [{ name, file: input, localId: (id) => id }] }] };
  }
}

/** A plan's graph; a plan the reader refuses (another format version) is an unusable input, not a bug. */
function planGraph(input: string, json: unknown, account?: string): TopologyGraph {
  try {
    return extractTerraformPlan(json, { account });
  } catch (e) {
    throw new CliError(`${input}: ${(e as Error).message}`);
  }
}

/** Which stacks to check, by name (`--stack`). */
export type StackFilter = (stackName: string) => boolean;

/** What kind of artifact a path names, with its parsed JSON for a file. */
export function detectKind(input: string): { kind: ArtifactKind; json?: unknown } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (e) {
    throw new CliError(`${input}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)}). Give the path of a cdk.out directory, a template, a cdk.tf.json, a cdktf.out directory or a Terraform plan JSON (terraform show -json)`);
  }
  if (stat.isDirectory()) {
    // A cloud assembly's manifest.json lists "artifacts"; cdktf.out has a manifest.json of its own (with "stacks") and its
    // Terraform files (stacks/<stack>/cdk.tf.json, or one cdk.tf.json). A directory that looks like both is refused: read
    // as one kind, the other kind's stacks would go unchecked while `cdk deploy --app` or terraform deploys them.
    const manifestFile = path.join(input, 'manifest.json');
    const manifest = fs.existsSync(manifestFile) ? readJson(manifestFile) : undefined;
    const assembly = isObject(manifest) && 'artifacts' in manifest;
    const terraform = fs.existsSync(path.join(input, 'stacks')) || fs.existsSync(path.join(input, 'cdk.tf.json')) || (isObject(manifest) && 'stacks' in manifest);
    if (assembly && terraform) {
      throw new CliError(`${input}: the directory holds both a cloud assembly (manifest.json with "artifacts") and CDKTF output (stacks/, cdk.tf.json or a `
        + 'manifest.json with "stacks"): check each output directory on its own, so that no stack of either goes unchecked');
    }
    if (terraform) return { kind: 'cdktf-out' };
    if (manifest !== undefined) return { kind: 'cdk-out' };
    throw new CliError(`${input}: the directory holds neither a manifest.json (a cdk.out of \`cdk synth\`) nor stacks/*/cdk.tf.json (a cdktf.out of \`cdktf synth\`). Run the synth first, or name the output directory`);
  }
  if (path.basename(input) === 'manifest.json') return { kind: 'cdk-out' };
  const json = readJson(input);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CliError(`${input}: the JSON is not an object, so it is no template, Terraform JSON or plan`);
  }
  const o = json as Record<string, unknown>;
  // `terraform show -json` of a plan: https://developer.hashicorp.com/terraform/internals/json-format ("format_version", "planned_values").
  if (isTerraformPlan(o)) return { kind: 'terraform-plan', json };
  if ('Resources' in o || 'AWSTemplateFormatVersion' in o) return { kind: 'cloudformation-template', json };
  // Terraform JSON configuration syntax: https://developer.hashicorp.com/terraform/language/syntax/json (top-level block types).
  if ('resource' in o || ('terraform' in o && ('provider' in o || 'module' in o))) return { kind: 'terraform-json', json };
  throw new CliError(`${input}: not a kind check reads. It has none of "Resources" / "AWSTemplateFormatVersion" (CloudFormation), `
    + '"resource" (Terraform JSON, cdk.tf.json) or "format_version" + "planned_values" (terraform show -json); the keys are '
    + `${Object.keys(o).slice(0, 8).map((k) => JSON.stringify(k)).join(', ') || 'none'}`);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return parseStrictJson(text, (keys) => new CliError(repeatedKeysMessage(file, keys)));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: not valid JSON (${(e as Error).message}). Give the synthesized JSON (cdk synth / cdktf synth output), not YAML or HCL`);
  }
}

/** A file whose objects repeat a key (`parseStrictJson`): what the guard would read is not what a deployment reads. */
export function repeatedKeysMessage(file: string, keys: readonly RepeatedKey[]): string {
  return `${file}: an object names the same key twice (${keys.map((k) => k.path).join(', ')}). JSON.parse keeps only the last, `
    + 'while Terraform reads a repeated block key as another block, so the guard would not see what is deployed (GUARD-1, 三層の対策). '
    + 'Write each key once (merge the repeated objects)';
}

function stackNameOfFile(file: string): string {
  const base = path.basename(file).replace(/\.template\.json$|\.json$/, '');
  return base === 'cdk.tf' ? path.basename(path.dirname(path.resolve(file))) : base;
}

// --- CloudFormation ----------------------------------------------------------------------------------------------

interface TemplateFile {
  readonly template: CloudFormationTemplate;
  readonly file: string;
  /** The stack's construct path (the manifest's displayName), for attributing findings by construct path. */
  readonly constructPath?: string;
  /** Construct paths by logical ID from the manifest's `aws:cdk:logicalId` metadata. */
  readonly paths?: Record<string, string>;
  /** The guard acknowledgements recorded in the manifest's metadata. */
  readonly acknowledgements?: Acknowledgement[];
  /** Whether the CDK guard checked the stack at synth: its report lies next to the template (`guardedAtSynth`). */
  readonly guarded?: boolean;
  /** The tags the stack is deployed with: a cloud assembly's stack artifact's `tags` (cloud-assembly.ts). */
  readonly tags?: StackTags;
}

/**
 * Every `aws:cloudformation:stack` artifact of a cloud assembly, nested assemblies (stages) included; stacks linked by
 * `Fn::ImportValue` of one another's exports become one unit, so that cross-stack paths are followed.
 * Cloud assembly schema: https://github.com/aws/aws-cdk-cli/tree/main/packages/%40aws-cdk/cloud-assembly-schema
 */
function loadCdkOut(input: string, selected: StackFilter, hub?: HubEvidenceSource): { units: CheckUnit[]; acknowledgements: Acknowledgement[] } {
  const dir = path.basename(input) === 'manifest.json' ? path.dirname(input) : input;
  const stacks: Record<string, TemplateFile> = {};
  collectStacks(dir, stacks);
  if (Object.keys(stacks).length === 0) {
    throw new CliError(`${dir}: the cloud assembly holds no CloudFormation stack (no artifact of type aws:cloudformation:stack in manifest.json): nothing to check`);
  }
  return {
    // A component none of whose stacks is selected is not even extracted.
    units: components(stacks).filter((names) => names.some(selected))
      .map((names) => cloudFormationUnit(Object.fromEntries(names.map((n) => [n, stacks[n]])), selected, hub)),
    acknowledgements: Object.values(stacks).flatMap((s) => s.acknowledgements ?? []),
  };
}

function collectStacks(dir: string, into: Record<string, TemplateFile>): void {
  for (const stack of ofAssembly(() => assemblyStacksOf(dir, readAssemblyJson))) {
    const { id, artifact, name, file, tags } = stack;
    into[name] = {
      template: readJson(file) as CloudFormationTemplate,
      file,
      constructPath: typeof artifact.displayName === 'string' ? artifact.displayName : id,
      guarded: guardedAtSynth(stack.dir, id, name),
      tags,
      ...metadataOf(stack),
    };
  }
}

/** A JSON file of a cloud assembly, read as `check` reads its inputs (`readJson`), for cloud-assembly.ts. */
function readAssemblyJson(file: string): unknown {
  try {
    return readJson(file);
  } catch (e) {
    if (e instanceof CliError) throw new CloudAssemblyError(e.message, e.problems);
    throw e;
  }
}

/** What cloud-assembly.ts read, or why it could not: an unusable input. */
function ofAssembly<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof CloudAssemblyError) throw new CliError(e.message, e.problems);
    throw e;
  }
}

/**
 * Whether the CDK guard checked a stack at synth: it writes `jichitai-guard-report.<artifact id>.json` next to the
 * template of every stack it guards (a refused synthesis writes no assembly), and of no other stack. A file that is no
 * report of this stack (unreadable, another stack's) does not count: the stack is then described in its connected stacks'
 * documents, which errs towards describing too much. The cloud assembly builder does not empty its directory, so a
 * report left by an earlier synthesis of a stack no longer guarded still counts (synthesize into a fresh directory).
 */
function guardedAtSynth(dir: string, artifactId: string, stackName: string): boolean {
  try {
    const report = JSON.parse(fs.readFileSync(path.join(dir, reportFileName(artifactId)), 'utf8'));
    return report?.stack === stackName && report?.engine === 'cloudformation';
  } catch {
    return false;
  }
}

/**
 * What the manifest's metadata says of a stack: construct paths by logical ID (the `aws:cdk:logicalId` entries, inline in
 * `metadata` or in the `additionalMetadataFile` of newer assemblies; present also when the template has no `aws:cdk:path`
 * metadata: an app synthesized without the CDK CLI, or `--no-path-metadata`), and the guard acknowledgements made in code
 * (`aws:cdk:acknowledged-rules`, `{ "jichitai-guard::<rule>": reason }` on the acknowledging construct), checked as
 * TopologyGuard.acknowledge checks them.
 */
function metadataOf(stack: StackArtifact): { paths: Record<string, string>; acknowledgements: Acknowledgement[] } {
  const metadata = ofAssembly(() => artifactMetadataOf(stack, readAssemblyJson));
  const acknowledgements: Acknowledgement[] = [];
  const problems: string[] = [];
  // aws-cdk-lib writes a stack's metadata under its own construct path only: an acknowledgement keyed elsewhere (the root,
  // another stack's construct) can only be written by hand, and would accept findings of stacks it does not belong to
  // (outside auditor, red team 38).
  const own = typeof stack.artifact?.displayName === 'string' ? `/${stack.artifact.displayName}` : undefined;
  for (const [where, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    const scopePath = where.replace(/^\//, '');
    for (const e of entries) {
      if (e?.type !== 'aws:cdk:acknowledged-rules' || !e.data || typeof e.data !== 'object') continue;
      if (own !== undefined && where !== own && !where.startsWith(`${own}/`)) {
        problems.push(`[${scopePath || '/'}] cannot acknowledge for stack ${stack.name}: the acknowledgement is recorded outside the stack's constructs (${own})`);
        continue;
      }
      for (const [id, reason] of Object.entries(e.data as Record<string, unknown>)) {
        const ruleId = ruleOfGuardFindingId(id);
        if (ruleId === undefined) continue;
        const problem = acknowledgementProblem(ruleId, String(reason));
        if (problem) problems.push(`[${scopePath}] cannot acknowledge ${id}: ${problem}`);
        else acknowledgements.push({ scopePath, ruleId, reason: String(reason).trim() });
      }
    }
  }
  if (problems.length > 0) throw new CliError(`${stack.dir}: the cloud assembly records acknowledgements the guard refuses`, problems);
  return { paths: logicalIdPathsOf(metadata), acknowledgements };
}

/**
 * Stacks linked by imports of each other's exports, transitively, in name order. A name several stacks export (copies
 * for other regions) links the importer with each of them: the guard then reads the import as unresolved, rather than
 * checking the importer with one exporter of the name, which may be another region's.
 */
function components(stacks: Record<string, TemplateFile>): string[][] {
  const names = Object.keys(stacks).sort();
  const exporters = new Map<string, string[]>();
  for (const n of names) {
    for (const o of Object.values(stacks[n].template.Outputs ?? {})) {
      if (typeof o?.Export?.Name === 'string') exporters.set(o.Export.Name, [...exporters.get(o.Export.Name) ?? [], n]);
    }
  }
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => (parent.get(n) === n ? n : find(parent.get(n)!));
  for (const n of names) {
    for (const imported of importsOf(stacks[n].template.Resources)) {
      for (const other of exporters.get(imported) ?? []) parent.set(find(n), find(other));
    }
  }
  const groups = new Map<string, string[]>();
  for (const n of names) groups.set(find(n), [...(groups.get(find(n)) ?? []), n]);
  return [...groups.values()];
}

function importsOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {value.forEach((v) => importsOf(v, into));} else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Fn::ImportValue' && typeof v === 'string') into.push(v);
      else importsOf(v, into);
    }
  }
  return into;
}

function cloudFormationUnit(stacks: Record<string, TemplateFile>, selected: StackFilter, hub?: HubEvidenceSource): CheckUnit {
  const names = Object.keys(stacks).sort();
  const templates = Object.fromEntries(names.map((n) => [n, stacks[n].template]));
  const paths = Object.fromEntries(names.filter((n) => stacks[n].paths).map((n) => [n, stacks[n].paths!]));
  const tags = Object.fromEntries(names.filter((n) => stacks[n].tags).map((n) => [n, stacks[n].tags!]));
  const evidence = hub ? evidenceFor(hub, 'cloudformation') : undefined;
  // A member of a hub in another app: the hub's artifact joins the unit, its outputs bind the member's literal IDs.
  const withHub = evidence ? extractWithHub(evidence, (hubStacks, bound) => extractCloudFormation(
    { ...templates, ...hubStacks } as Record<string, CloudFormationTemplate>,
    withHubStacks(paths, evidence.paths), bound,
    withHubStacks(tags, evidence.tags))) : undefined;
  const graph = withHub?.graph ?? extractCloudFormation(templates, paths, {}, tags);
  const prefixed = names.length > 1 || withHub !== undefined;
  return {
    graph,
    hubEvidence: withHub?.record,
    stacks: names.filter(selected).map((name) => {
      // Without any guard report (`guardUnrecorded`), which stacks were guarded is unknown, and the others are judged with
      // this stack's blueprint and flows, which are not theirs: each answers for itself, as before.
      const unrecorded = !names.some((n) => stacks[n].guarded);
      const answers = (n: string) => unrecorded || selected(n) || stacks[n].guarded === true;
      const owner = prefixed ? belongsTo(names, name, names.find(selected)!, (n) => stacks[n].constructPath, answers) : undefined;
      const described = names.length > 1 ? describedBy(names, name, stacks) : undefined;
      const documents = owner && described && !unrecorded ? owner.documents(described.stacks.map((s) => s.name)) : owner?.reports;
      const withoutOthers = (own: ((f: Finding) => boolean) | undefined) => (own && withHub
        ? (f: Finding) => own(f) && !withHub.othersFinding(f.path) : own);
      return {
        name,
        file: stacks[name].file,
        reports: withoutOthers(owner?.reports),
        documents: withoutOthers(documents),
        localId: (nodeId: string) => localIdOf(nodeId, prefixed ? `${name}/` : ''),
        // The documents' scope among the unit's own stacks (the CLI's docs take no hub evidence).
        described,
      };
    }),
  };
}

/** The hub's evidence (`--hub`, `--hub-outputs`) for artifacts of one engine; its problems are an unusable input. */
function evidenceFor(hub: HubEvidenceSource, engine: TopologyGraph['engine']): HubEvidence {
  try {
    return readHubEvidence(hub, engine);
  } catch (e) {
    if (e instanceof HubEvidenceError) throw new CliError('--hub: the security cloud hub\'s evidence cannot be used', [...e.problems]);
    throw e;
  }
}

/**
 * A multi-stack unit's stack's documents describe the stack and the unit's stacks nobody guarded, as the CDK guard's
 * documents at synth do (a prefecture member: itself and the hub, not the other members). With no guard report in the
 * unit, every stack counts as unguarded: the stack and all the others are described.
 */
function describedBy(names: readonly string[], name: string, stacks: Record<string, TemplateFile>): DescribedScope {
  return {
    stacks: names.filter((n) => n === name || !stacks[n].guarded).map((n) => ({ name: n, path: stacks[n].constructPath })),
    guardUnrecorded: !names.some((n) => stacks[n].guarded),
  };
}

/**
 * Which of a multi-stack unit's findings a stack reports (`reports`): those whose path is under its construct path or its
 * prefixed logical IDs; a finding no stack claims, or only a stack that is neither checked nor guarded (`answers` false:
 * nobody else reports it, as the first guarded stack reports its unguarded neighbours at synth), goes to the first stack
 * checked, so that none is ever lost (fail closed; outside auditor, red team 38: `check --stack App` said "compliant"
 * of an app whose unguarded network stack held a forbidden path). And which findings the stack's documents count
 * (`documents`): also those of every stack they describe.
 */
function belongsTo(
  names: readonly string[], name: string, first: string, constructPath: (n: string) => string | undefined, answers: (n: string) => boolean,
): {
    reports: (f: Finding) => boolean;
    documents: (described: readonly string[]) => (f: Finding) => boolean;
  } {
  const claims = (n: string, where: string) => where === n || where.startsWith(`${n}/`) || where.startsWith(`${n}#`)
    || (constructPath(n) !== undefined && where.startsWith(`${constructPath(n)}/`));
  const reports = (f: Finding) => claims(name, f.path) || (name === first && !names.some((n) => answers(n) && claims(n, f.path)));
  return { reports, documents: (described) => (f) => reports(f) || described.some((n) => claims(n, f.path)) };
}

/** A node id's logical ID / address within its file: the id without the stack prefix and implicit-node suffix. */
function localIdOf(nodeId: string, prefix: string): string | undefined {
  if (prefix && !nodeId.startsWith(prefix)) return undefined;
  return nodeId.slice(prefix.length).split('#')[0];
}

// --- Terraform -----------------------------------------------------------------------------------------------------

/** cdktf's output: `stacks/<name>/cdk.tf.json`, one unit per stack (cdktf's cross-stack references are remote state). */
function loadCdktfOut(dir: string, selected: StackFilter, hub?: HubEvidenceSource): CheckUnit[] {
  const stacksDir = path.join(dir, 'stacks');
  if (fs.existsSync(path.join(dir, 'cdk.tf.json'))) {
    if (fs.existsSync(stacksDir)) {
      throw new CliError(`${dir}: the directory holds both a cdk.tf.json and a stacks/ directory: name the one output to check (the directory of one `
        + 'cdk.tf.json, or a cdktf.out), so that no stack goes unchecked');
    }
    const file = path.join(dir, 'cdk.tf.json');
    const name = path.basename(path.resolve(dir));
    return selected(name) ? [terraformUnit(name, readJson(file) as TerraformJson, file, hub)] : [];
  }
  if (!fs.existsSync(stacksDir)) throw new CliError(`${dir}: its manifest.json lists CDKTF stacks but there is no stacks/ directory: nothing to check. Run \`cdktf synth\` first`);
  // Every stack directory is read (one without its cdk.tf.json is an error, not a stack skipped), and the manifest's stacks
  // (cdktf synth writes manifest.json with "stacks") are exactly those.
  const dirs = fs.readdirSync(stacksDir).filter((n) => fs.statSync(path.join(stacksDir, n)).isDirectory()).sort();
  const empty = dirs.filter((n) => !fs.existsSync(path.join(stacksDir, n, 'cdk.tf.json')));
  if (empty.length > 0) throw new CliError(`${dir}: stacks/${empty.join(', stacks/')} hold${empty.length === 1 ? 's' : ''} no cdk.tf.json: synthesize again, or remove the directory`);
  const names = dirs;
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = fs.existsSync(manifestFile) ? readJson(manifestFile) : undefined;
  if (isObject(manifest) && isObject(manifest.stacks)) {
    const listed = Object.keys(manifest.stacks).sort();
    const missing = listed.filter((n) => !names.includes(n));
    const unlisted = names.filter((n) => !listed.includes(n));
    if (missing.length > 0 || unlisted.length > 0) {
      throw new CliError(`${dir}: manifest.json and stacks/ disagree (${[...missing.map((n) => `${n}: in the manifest, not in stacks/`), ...unlisted.map((n) => `${n}: in stacks/, not in the manifest`)].join('; ')}): synthesize again`);
    }
  }
  if (names.length === 0) throw new CliError(`${dir}: stacks/ holds no <stack>/cdk.tf.json: nothing to check. Run \`cdktf synth\` first`);
  return names.filter(selected).map((n) => {
    const file = path.join(stacksDir, n, 'cdk.tf.json');
    return terraformUnit(n, readJson(file) as TerraformJson, file, hub);
  });
}

function terraformUnit(name: string, config: TerraformJson, file: string, hub?: HubEvidenceSource): CheckUnit {
  const beside = { [name]: { read: path.basename(file), files: terraformFilesBeside(file) } };
  if (!hub) return { graph: extractTerraform({ [name]: config }, {}, beside), stacks: [{ name, file, localId: (id) => localIdOf(id, '') }] };
  const withHub = extractWithHub(evidenceFor(hub, 'terraform'),
    (hubStacks, bound) => extractTerraform({ [name]: config, ...hubStacks } as Record<string, TerraformJson>, bound, beside));
  // The hub's findings (in no stack of the artifact) are reported with the member's; other members' are theirs.
  const mine = (f: Finding) => !withHub.othersFinding(f.path);
  return { graph: withHub.graph, hubEvidence: withHub.record, stacks: [{ name, file, reports: mine, localId: (id) => localIdOf(id, `${name}/`) }] };
}
