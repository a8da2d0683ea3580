/**
 * Reading a cloud assembly (`cdk.out`) as `check` reads it and as the security cloud hub's evidence (`--hub`,
 * `securityCloudHub`) reads it: its stack artifacts, nested assemblies (stages) included, with the tags each stack is
 * deployed with, and the tags of a template checked on its own inside one (semantics §3, §13). One reading for both, so
 * that a hub is read as its own check reads it. Reads no template: the caller does, as it records the files it reads.
 * Cloud assembly schema: https://github.com/aws/aws-cdk-cli/tree/main/packages/%40aws-cdk/cloud-assembly-schema
 */
import * as fs from 'fs';
import * as path from 'path';
import type { StackTags } from './extract-cloudformation';

/** The cloud assembly cannot be read as the synthesizer wrote it: its message names the file, its problems the causes. */
export class CloudAssemblyError extends Error {
  constructor(message: string, public readonly problems: readonly string[] = []) {
    super(message);
    this.name = 'CloudAssemblyError';
  }
}

/** How a caller reads a JSON file: it throws `CloudAssemblyError` for a file it cannot read or parse. */
export type ReadJson = (file: string) => unknown;

/** A cloud assembly's manifest.json, as far as the guard reads it. */
export type Manifest = { artifacts?: Record<string, any> } | null;

/** One `aws:cloudformation:stack` artifact of a manifest: its stack name, template file and the tags it is deployed with. */
export interface StackArtifact {
  readonly id: string;
  readonly artifact: any;
  readonly name: string;
  /** The template file (the artifact's `templateFile`, under the assembly's directory). */
  readonly file: string;
  readonly tags: StackTags;
  /** The directory of the (nested) assembly whose manifest holds the artifact. */
  readonly dir: string;
}

/** The stack artifacts of one manifest, in its order (not its nested assemblies': each has a manifest of its own). */
export function stackArtifactsOf(dir: string, manifest: Manifest): StackArtifact[] {
  return Object.entries(manifest?.artifacts ?? {}).filter(([, artifact]) => artifact?.type === 'aws:cloudformation:stack').map(([id, artifact]) => {
    const templateFile = artifact.properties?.templateFile;
    if (typeof templateFile !== 'string') throw new CloudAssemblyError(`${dir}/manifest.json: stack artifact ${id} names no templateFile`);
    const name = typeof artifact.properties?.stackName === 'string' ? artifact.properties.stackName : id;
    return { id, artifact, name, file: path.join(dir, templateFile), tags: stackTagsOf(dir, id, artifact.properties?.tags), dir };
  });
}

/**
 * Every stack artifact of the cloud assembly in `dir`, its nested assemblies (`cdk:cloud-assembly` artifacts: a stage's
 * `assembly-*`) followed, each assembly once. Two stacks of one name cannot be told apart: refused.
 */
export function assemblyStacksOf(dir: string, readJson: ReadJson): StackArtifact[] {
  const stacks: StackArtifact[] = [];
  const seen = new Set<string>();
  const walk = (at: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(at);
    } catch (e) {
      throw new CloudAssemblyError(`${at}: the nested cloud assembly cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    if (seen.has(real)) return;
    seen.add(real);
    const manifest = readJson(path.join(at, 'manifest.json')) as Manifest;
    for (const stack of stackArtifactsOf(at, manifest)) {
      if (stacks.some((s) => s.name === stack.name)) throw new CloudAssemblyError(`${at}: two stacks are named ${stack.name}; check each cloud assembly on its own`);
      stacks.push(stack);
    }
    for (const artifact of Object.values(manifest?.artifacts ?? {})) {
      if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') walk(path.join(at, artifact.properties.directoryName));
    }
  };
  walk(dir);
  return stacks;
}

/**
 * The tags a template read on its own is deployed with, when it lies in a cloud assembly (semantics §3): the
 * `manifest.json` beside it (a `cdk.out`, or a stage's nested `assembly-*`) names it as a stack artifact's `templateFile`,
 * whose `tags` are read as the cdk.out's stacks' are. None beside it, or one that names it in no artifact: a bare
 * template, whose stack tags are unknown (undefined). What cannot be told is refused, not guessed (GUARD-1): a manifest
 * that cannot be read, or artifacts that name the file with different tags.
 */
export function assemblyTagsOf(template: string, readJson: ReadJson): StackTags | undefined {
  const dir = path.dirname(template);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return undefined;
  const unknown = 'so the tags its stack is deployed with, which CloudFormation gives to its resources and whose jichitai: ones are labels, '
    + 'are unknown (GUARD-1, 三層の対策)';
  let naming: StackArtifact[];
  try {
    const real = fs.realpathSync(template);
    naming = stackArtifactsOf(dir, readJson(manifestFile) as Manifest).filter((a) => fs.existsSync(a.file) && fs.realpathSync(a.file) === real);
  } catch (e) {
    if (!(e instanceof CloudAssemblyError)) throw e;
    throw new CloudAssemblyError(`${template}: the cloud assembly manifest beside it (${manifestFile}) cannot be read, ${unknown}. `
      + 'Check the cdk.out directory (the synthesizer\'s output as written), or remove the manifest.json if the template is of no cloud assembly', [e.message]);
  }
  const key = (tags: StackTags) => JSON.stringify((tags as { Key: string; Value: unknown }[]).map((t) => [t.Key, t.Value]).sort());
  const differs = naming.find((a) => key(a.tags) !== key(naming[0].tags));
  if (differs) {
    throw new CloudAssemblyError(`${template}: stack artifacts ${naming[0].id} and ${differs.id} of ${manifestFile} name it with different tags, ${unknown}. `
      + 'Check the cdk.out directory, whose stacks are checked each with its own tags');
  }
  return naming[0]?.tags;
}

/**
 * The tags a stack artifact is deployed with (semantics §3): its `tags` property, which the CDK CLI passes to CloudFormation
 * (`cdk deploy --tags` replaces them: tags given at deployment are not in the assembly), and CloudFormation gives to the
 * stack's resources. Cloud assembly schema: `AwsCloudFormationStackProperties.tags`, a map of strings.
 */
function stackTagsOf(dir: string, id: string, tags: unknown): StackTags {
  if (tags === undefined) return [];
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
    throw new CloudAssemblyError(`${dir}/manifest.json: stack artifact ${id} has tags that are no map of strings`);
  }
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * A stack artifact's metadata: its `metadata`, and the `additionalMetadataFile` (`<id>.metadata.json`) newer CDK versions
 * write it to instead, by construct path (`/Stack/Construct`).
 */
export function artifactMetadataOf(stack: StackArtifact, readJson: ReadJson): Record<string, unknown> {
  const metadata: Record<string, unknown> = { ...(stack.artifact.metadata ?? {}) };
  const file = stack.artifact.additionalMetadataFile;
  if (typeof file === 'string' && fs.existsSync(path.join(stack.dir, file))) Object.assign(metadata, readJson(path.join(stack.dir, file)));
  return metadata;
}

/** The `aws:cdk:logicalId` entries of a stack artifact's metadata: construct path by logical ID. */
export function logicalIdPathsOf(metadata: Record<string, unknown>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [where, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const e of entries) if (e?.type === 'aws:cdk:logicalId' && typeof e.data === 'string') paths[e.data] = where.replace(/^\//, '');
  }
  return paths;
}
