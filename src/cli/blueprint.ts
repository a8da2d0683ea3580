import * as fs from 'fs';
import { Option } from 'commander';
import { CliError } from './io';
import { GuardScope } from '../guard/check';
import { flowsOfBlueprint, hostsOfBlueprint } from '../guard/declared';
import { MunicipalNetworkBlueprintProps } from '../model/blueprint';
import { TopologyGuardOptions } from '../model/guard-options';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';
import { Blueprint, validateBlueprint } from '../model/validate';

/** `--blueprint FILE`: the blueprint the artifact was built from (JSON of MunicipalNetworkBlueprintProps). */
export const blueprintOption = () => new Option('--blueprint <file>',
  'the blueprint (JSON of MunicipalNetworkBlueprintProps) the artifact implements: its model and case, and the flows (FLOW-1) and hosts (AP-7) it declares');

/** The model flags and what a blueprint declares, as the guard at synth has them. */
export interface JudgedScope {
  readonly options: TopologyGuardOptions;
  /** The declared flows and hosts (none without a blueprint). */
  readonly scope: Pick<GuardScope, 'flows' | 'hosts'>;
  /** The blueprint file, when one was given. */
  readonly blueprint?: string;
}

/**
 * The model and case (from the flags, or the blueprint's), and the flows and hosts the blueprint declares. A blueprint
 * is validated as `MunicipalNetwork` validates it (every problem at once); flags that contradict it are an error.
 */
export function judgedScope(flags: { model?: NetworkModel; case?: AlphaPrimeCase; blueprint?: string }): JudgedScope {
  if (flags.blueprint === undefined) {
    if (flags.model === undefined) throw new CliError('give the network model with --model α|α′|β|β′, or the blueprint the artifact implements with --blueprint FILE');
    if (flags.case !== undefined && flags.model !== NetworkModel.ALPHA_PRIME) {
      throw new CliError('--case applies to model α′ only (the α′ cases ア, イ, ウ of the 2024 revision); drop --case or use --model α′');
    }
    return { options: { model: flags.model, alphaPrimeCase: flags.case }, scope: {} };
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
    options: { model, alphaPrimeCase },
    scope: {
      flows: flowsOfBlueprint(blueprint.hosts, blueprint.flows),
      hosts: hostsOfBlueprint(blueprint.hosts, blueprint.props.breakout?.updateClients),
    },
    blueprint: flags.blueprint,
  };
}
