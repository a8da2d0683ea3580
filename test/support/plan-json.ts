/**
 * Terraform plan JSON in the tests: plan a configuration folder offline (`plan -out`, `show -json`), and the guard's
 * findings of a CloudFormation template or a plan summarised by rule, severity and count (construct paths and
 * Terraform addresses differ between engines; the verdicts must not).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { runTerraform, TerraformSetup } from './terraform';
import { buildCdkExample } from '../../examples/cdk/_app';
import { cdk } from '../../src';
import { checkTopology, GuardScope } from '../../src/guard/check';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { Finding } from '../../src/guard/rule';
import { TopologyGuardOptions } from '../../src/model/guard-options';

/** `terraform plan -out` then `terraform show -json` in an initialised folder: the plan JSON. */
export function planJson(setup: TerraformSetup, cwd: string): unknown {
  runTerraform(setup, cwd, ['plan', '-input=false', '-lock=false', '-refresh=false', '-out=plan.bin']);
  // The plan is on stdout alone (runTerraform joins stdout and stderr).
  const json = execFileSync(setup.terraform, ['show', '-json', 'plan.bin'], { cwd, env: setup.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
  fs.writeFileSync(path.join(cwd, 'plan.json'), json);
  return JSON.parse(json);
}

/** `MN-1 critical ×2`, one line per rule and severity, sorted. */
export function verdicts(findings: readonly Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.ruleId} ${f.severity}`, (counts.get(`${f.ruleId} ${f.severity}`) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${k} ×${n}`).sort();
}

/** The scope a stack declares (hosts and flows of its MunicipalNetwork), as the synth-time guard passes it. */
export function scopeOf(stack: object): GuardScope {
  return { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) };
}

/** The findings of a plan JSON. */
export function planFindings(plan: unknown, options: TopologyGuardOptions, scope: GuardScope = {}): Finding[] {
  return checkTopology(extractTerraformPlan(plan), options, scope);
}

/**
 * The findings of the CloudFormation template of a CDK example after `change`, unvalidated (a mutated template is one
 * the guard refuses at synth), with the model and scope of its network.
 */
export function cdkExampleFindings(name: string, change: (stack: Stack, net: cdk.MunicipalNetwork) => void = () => undefined): Finding[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample(name, app);
  change(stack, network);
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  const options = { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase };
  return checkTopology(extractCloudFormation({ [stack.stackName]: template }), options, scopeOf(stack));
}
