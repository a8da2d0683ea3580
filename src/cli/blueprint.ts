import * as fs from 'fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from './io';
import { GuardScope } from '../guard/check';
import { flowsOfBlueprint, hostsOfBlueprint, siemOfLogging } from '../guard/declared';
import { MunicipalNetworkBlueprintProps } from '../model/blueprint';
import { GuardLanguage, TopologyGuardOptions } from '../model/guard-options';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';
import { Blueprint, validateBlueprint } from '../model/validate';
import { planLogging } from '../plan/plan';

/** The spellings `--model` accepts (the guideline's Greek letters, with either prime, and ASCII). */
const MODELS: Readonly<Record<string, NetworkModel>> = {
  'α': NetworkModel.ALPHA,
  'alpha': NetworkModel.ALPHA,
  'α′': NetworkModel.ALPHA_PRIME,
  "α'": NetworkModel.ALPHA_PRIME,
  // A word processor's apostrophe (U+2019) for the prime, as pasted from a document.
  'α’': NetworkModel.ALPHA_PRIME,
  'alpha-prime': NetworkModel.ALPHA_PRIME,
  'alpha_prime': NetworkModel.ALPHA_PRIME,
  'β': NetworkModel.BETA,
  'beta': NetworkModel.BETA,
  'β′': NetworkModel.BETA_PRIME,
  "β'": NetworkModel.BETA_PRIME,
  'β’': NetworkModel.BETA_PRIME,
  'beta-prime': NetworkModel.BETA_PRIME,
  'beta_prime': NetworkModel.BETA_PRIME,
};

/** The α′ cases of seed 002 (ケース ア, イ, ウ), in katakana or a, b, c. */
const CASES: Readonly<Record<string, AlphaPrimeCase>> = {
  ア: AlphaPrimeCase.LICENSE_AND_UPDATES,
  a: AlphaPrimeCase.LICENSE_AND_UPDATES,
  イ: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD,
  b: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD,
  ウ: AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION,
  c: AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION,
};

export function parseModel(value: string): NetworkModel {
  const v = value.trim().normalize('NFC');
  const model = MODELS[v.toLowerCase()] ?? (Object.values(NetworkModel) as string[]).find((m) => m === v.toUpperCase().replace(/-/g, '_'));
  if (!model) throw new InvalidArgumentError(`"${value}" is no network model; use α, α′, β, β′ (or alpha, alpha-prime, beta, beta-prime)`);
  return model as NetworkModel;
}

export function parseCase(value: string): AlphaPrimeCase {
  const v = value.trim();
  const c = CASES[v.toLowerCase()] ?? (Object.values(AlphaPrimeCase) as string[]).find((x) => x === v.toUpperCase());
  if (!c) throw new InvalidArgumentError(`"${value}" is no α′ case; use ア, イ, ウ (or a, b, c)`);
  return c as AlphaPrimeCase;
}

/**
 * Add `--model`, `--case` and `--blueprint` (what the guard judges against: the model, or the blueprint that gives it
 * and the declared flows and hosts) to a command.
 */
export function withModelOptions(command: Command): Command {
  return command
    .addOption(new Option('--model <model>', 'network model: α | α′ | β | β′ (or alpha | alpha-prime | beta | beta-prime); required without --blueprint').argParser(parseModel))
    .addOption(new Option('--case <case>', 'the α′ case: ア | イ | ウ (or a | b | c)').argParser(parseCase))
    .addOption(new Option('--language <language>', 'the language of the findings: en | ja (日本語: the guideline\'s terms; JSON keeps the English fields and adds `ja`)')
      .choices(['en', 'ja']))
    .addOption(new Option('--blueprint <file>',
      'the blueprint (JSON of MunicipalNetworkBlueprintProps) the artifact implements: its model and case, and the flows (FLOW-1) and hosts (AP-7) it declares'));
}

/** The model flags and what a blueprint declares, as the guard at synth has them. */
export interface JudgedScope {
  readonly options: TopologyGuardOptions;
  /** The declared flows, hosts and SIEM (none without a blueprint). */
  readonly scope: Pick<GuardScope, 'flows' | 'hosts' | 'siem'>;
  /** The blueprint file, when one was given. */
  readonly blueprint?: string;
}

/**
 * The SIEM the blueprint declares (LOG-1), as `MunicipalNetwork` declares it: in a JSON file every ARN is a literal, but a
 * hub's `siemBucketArn` that is no S3 bucket ARN (a reference written out) names only the hub's SIEM bucket.
 */
function siemScope(props: MunicipalNetworkBlueprintProps): Pick<GuardScope, 'siem'> {
  const siem = siemOfLogging(planLogging(props), (v) => !/^arn:[^:]+:s3:::[^/:]+$/.test(v));
  return siem ? { siem: [siem] } : {};
}

/**
 * The model and case (from the flags, or the blueprint's), and the flows and hosts the blueprint declares. A blueprint
 * is validated as `MunicipalNetwork` validates it (every problem at once); flags that contradict it are an error.
 */
export function judgedScope(flags: { model?: NetworkModel; case?: AlphaPrimeCase; blueprint?: string; language?: string }): JudgedScope {
  // The flag, else the blueprint's own `language`; the key is left out in English so that the options read as before.
  const lang = (language: unknown) => (language === GuardLanguage.JAPANESE ? { language: GuardLanguage.JAPANESE } : {});
  if (flags.blueprint === undefined) {
    if (flags.model === undefined) throw new CliError('give the network model with --model α|α′|β|β′, or the blueprint the artifact implements with --blueprint FILE');
    if (flags.case !== undefined && flags.model !== NetworkModel.ALPHA_PRIME) {
      throw new CliError('--case applies to model α′ only (the α′ cases ア, イ, ウ of the 2024 revision); drop --case or use --model α′');
    }
    // α′ is judged by its case (tenant restriction and download restriction in イ and ウ, no communication tool in ア).
    if (flags.case === undefined && flags.model === NetworkModel.ALPHA_PRIME) {
      throw new CliError('model α′ is judged by its case: give --case ア|イ|ウ (license and updates only; communication tools without downloads; '
        + 'with sanitized downloads), or the blueprint with --blueprint FILE');
    }
    return { options: { model: flags.model, alphaPrimeCase: flags.case, ...lang(flags.language) }, scope: {} };
  }
  let props: MunicipalNetworkBlueprintProps;
  try {
    props = JSON.parse(fs.readFileSync(flags.blueprint, 'utf8'));
  } catch (e) {
    throw new CliError(`--blueprint ${flags.blueprint}: cannot read it as JSON (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give the blueprint's props as a JSON file`);
  }
  const problems = props && typeof props === 'object' && !Array.isArray(props) ? validateBlueprint(props) : ['the file is not a JSON object of MunicipalNetworkBlueprintProps'];
  if (problems.length > 0) throw new CliError(`--blueprint ${flags.blueprint}: the blueprint is not valid (${problems.length} problem${problems.length > 1 ? 's' : ''})`, problems);
  const blueprint = Blueprint.validate(props);
  const model = blueprint.props.model;
  const alphaPrimeCase = blueprint.props.alphaPrimeCase;
  const conflicts = [
    ...(flags.model !== undefined && flags.model !== model ? [`--model ${flags.model} contradicts the blueprint's model ${model}; drop --model`] : []),
    ...(flags.case !== undefined && flags.case !== alphaPrimeCase ? [`--case ${flags.case} contradicts the blueprint's case ${alphaPrimeCase ?? '(none)'}; drop --case`] : []),
  ];
  if (conflicts.length > 0) throw new CliError('the flags contradict the blueprint', conflicts);
  return {
    options: { model, alphaPrimeCase, ...lang(flags.language ?? blueprint.props.language) },
    scope: {
      flows: flowsOfBlueprint(blueprint.hosts, blueprint.flows),
      hosts: hostsOfBlueprint(blueprint.hosts, blueprint.props.breakout?.updateClients),
      ...siemScope(blueprint.props),
    },
    blueprint: flags.blueprint,
  };
}
