/**
 * Several synthesized CDKTF configurations planned in ONE terraform run (issue 17): each configuration becomes a child
 * module of a root module that holds their (identical) provider configuration, so that `init`, `plan` and `show -json`
 * run once for all of them instead of once each. Most of the CPU of a terraform command goes to loading the AWS
 * provider's schema (terraform and the provider process alike), whatever the size of the configuration: six
 * configurations cost about 28 s of CPU together against 78 s one by one.
 *
 * Folders of HCL (test/fixtures/hcl) are planned together alike (`planFoldersTogether`), each with its own provider blocks.
 *
 * Each configuration's plan is then cut out of the joint plan JSON and re-rooted (`moduleAsRoot`): the same JSON that
 * `terraform show -json` writes for the configuration alone (checked for the CDKTF examples and the HCL fixtures: equal
 * but for the timestamp and the order of relevant_attributes and of child modules, which terraform does not fix).
 *
 * A failure must still fail the test that owns the configuration, with its own error: when the joint run fails or warns
 * (or the configurations cannot share a root), every configuration is planned alone, as before, and each keeps its
 * own result or error.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { runTerraform, TerraformSetup } from './terraform';

/** One configuration's part of the run: its plan JSON and the output of the plan that covered it, or its error. */
export interface PlannedConfiguration {
  /** The plan JSON as `terraform show -json` writes it for this configuration alone. */
  readonly plan?: any;
  /** The output of `terraform plan` (the joint one when planned together). */
  readonly output: string;
  /** The number of resources the plan adds for this configuration ("Plan: N to add" when planned alone). */
  readonly added?: number;
  readonly error?: Error;
  /** Whether it was planned together with the others (false: alone, after the joint run failed or warned). */
  readonly together: boolean;
}

/** Between a module's name and its output's in the root outputs that carry a module's outputs. */
const OUTPUT_SEPARATOR = '__';
const PLAN = ['plan', '-input=false', '-lock=false', '-refresh=false', '-out=plan.bin'];
const SUMMARY = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/;

/** `terraform show -json plan.bin`: stdout alone (runTerraform joins stdout and stderr). */
function showJson(setup: TerraformSetup, cwd: string): any {
  return JSON.parse(execFileSync(setup.terraform, ['show', '-json', 'plan.bin'], {
    cwd, env: setup.env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 600_000,
  }));
}

/**
 * Plans the configurations (name → cdk.tf.json content) under `dir`: together when possible, else one by one.
 * Module names must be Terraform identifiers (letters, digits, `-`, `_`).
 */
export function planTogether(setup: TerraformSetup, dir: string, configs: Readonly<Record<string, any>>): Record<string, PlannedConfiguration> {
  const names = Object.keys(configs);
  const reason = whyNotTogether(configs);
  if (reason) process.stderr.write(`planTogether: each configuration is planned alone: ${reason}\n`);
  if (!reason && names.length > 1) {
    try {
      return planJointly(setup, path.join(dir, 'together'), configs);
    } catch (e) {
      // Planned again one by one below: each configuration gets its own error (or passes).
      process.stderr.write(`planTogether: the joint plan failed or warned; planning each configuration alone\n${String((e as Error).message).slice(0, 2000)}\n`);
    }
  }
  const out: Record<string, PlannedConfiguration> = {};
  for (const name of names) out[name] = planAlone(setup, path.join(dir, 'alone', name), configs[name]);
  return out;
}

/** Why the configurations cannot be child modules of one root (undefined: they can). */
function whyNotTogether(configs: Readonly<Record<string, any>>): string | undefined {
  const values = Object.values(configs);
  for (const [name, c] of Object.entries(configs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) return `${name} is not a Terraform identifier`;
    // Root-only blocks, and variables (a module's would need inputs).
    for (const block of ['variable', 'import', 'moved', 'removed', 'check']) if (c[block] !== undefined) return `${name} has ${block} blocks`;
    if (!isDeepStrictEqual(c.provider, values[0].provider)) return `${name} configures its provider differently`;
    if (!isDeepStrictEqual(c.terraform?.required_providers, values[0].terraform?.required_providers)) return `${name} requires other providers`;
  }
  return undefined;
}

function planAlone(setup: TerraformSetup, cwd: string, config: any): PlannedConfiguration {
  let output = '';
  try {
    fs.mkdirSync(cwd, { recursive: true });
    fs.writeFileSync(path.join(cwd, 'cdk.tf.json'), JSON.stringify(config, undefined, 2));
    runTerraform(setup, cwd, ['init', '-input=false']);
    output = runTerraform(setup, cwd, PLAN);
    const summary = SUMMARY.exec(output);
    return { plan: showJson(setup, cwd), output, added: summary ? Number(summary[1]) : undefined, together: false };
  } catch (e) {
    return { output, error: e as Error, together: false };
  }
}

function planJointly(setup: TerraformSetup, cwd: string, configs: Readonly<Record<string, any>>): Record<string, PlannedConfiguration> {
  fs.mkdirSync(cwd, { recursive: true });
  const first = Object.values(configs)[0];
  for (const [name, config] of Object.entries(configs)) {
    // The provider configuration (the same in all) is the root's; a backend belongs to the root alone (a module's
    // would be ignored with a warning); the state is not kept anyway (plan -refresh=false of an empty state).
    const { provider: _provider, terraform: { backend: _backend, ...terraformBlock } = {} as any, ...rest } = config;
    fs.mkdirSync(path.join(cwd, name));
    fs.writeFileSync(path.join(cwd, name, 'cdk.tf.json'), JSON.stringify({ ...rest, terraform: terraformBlock }, undefined, 2));
  }
  // A module's outputs reach the plan's root only through root outputs: `<name>__<output>`, cut apart by moduleAsRoot.
  const output = Object.fromEntries(Object.entries(configs).flatMap(([name, config]) => Object.entries(config.output ?? {})
    .map(([key, o]: [string, any]) => [`${name}${OUTPUT_SEPARATOR}${key}`, { value: `\${module.${name}.${key}}`, ...(o.sensitive ? { sensitive: true } : {}) }])));
  const root = {
    terraform: { required_providers: first.terraform?.required_providers },
    provider: first.provider,
    ...(Object.keys(output).length > 0 ? { output } : {}),
  };
  return planModules(setup, cwd, Object.fromEntries(Object.keys(configs).map((name) => [name, `./${name}`])), root, true);
}

/**
 * Plans folders of Terraform configuration (name → the folder, relative to `cwd` or absolute) as child modules of one
 * root module in `cwd`, and cuts each one's plan out of the joint plan. A folder keeps its own provider blocks (a module
 * with provider configurations of its own: allowed without count, for_each or depends_on on its call), so the joint
 * plan starts their provider processes once per folder still, but terraform itself (its schema load, its plan, show
 * -json) runs once. Throws when the joint run fails: then plan each folder alone.
 */
export function planFoldersTogether(
  setup: TerraformSetup, cwd: string, folders: Readonly<Record<string, string>>,
): Record<string, PlannedConfiguration> {
  for (const name of Object.keys(folders)) if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new Error(`${name} is not a Terraform identifier`);
  fs.mkdirSync(cwd, { recursive: true });
  return planModules(setup, cwd, folders, {}, false);
}

function planModules(
  setup: TerraformSetup, cwd: string, folders: Readonly<Record<string, string>>, root: Record<string, unknown>, refuseWarnings: boolean,
): Record<string, PlannedConfiguration> {
  const module = Object.fromEntries(Object.entries(folders).map(([name, folder]) => [name, { source: folder }]));
  fs.writeFileSync(path.join(cwd, 'main.tf.json'), JSON.stringify({ ...root, module }, undefined, 2));
  runTerraform(setup, cwd, ['init', '-input=false']);
  const output = runTerraform(setup, cwd, PLAN);
  // A warning could belong to any configuration: planned alone, each shows its own.
  if (refuseWarnings && /Warning:/.test(output)) throw new Error(`the joint plan warned:\n${output.slice(-4000)}`);
  const summary = SUMMARY.exec(output);
  if (!summary) throw new Error(`the joint plan printed no "Plan: N to add" summary:\n${output.slice(-4000)}`);
  const joint = showJson(setup, cwd);
  const out: Record<string, PlannedConfiguration> = {};
  let total = 0;
  for (const name of Object.keys(folders)) {
    const plan = moduleAsRoot(joint, name);
    const added = plan.resource_changes.filter((r: any) => r.change.actions.includes('create')).length;
    total += added;
    out[name] = { plan, output, added, together: true };
  }
  // The modules' parts add up to the joint summary: nothing lost or counted twice when cutting the plan apart.
  if (total !== Number(summary[1])) throw new Error(`the modules' plans add ${total} resources, the joint plan ${summary[1]}`);
  return out;
}

/**
 * The plan JSON of module `name` (a child of the root) as if it were the root module: its planned values, resource
 * changes, prior state, configuration and relevant attributes, addresses without the `module.<name>.` prefix. The
 * provider configuration is the root's (the module inherits it), as it is for the configuration planned alone.
 */
export function moduleAsRoot(plan: any, name: string): any {
  const call = `module.${name}`;
  const mine = (address: string | undefined): boolean => address === call || (address ?? '').startsWith(`${call}.`);
  const strip = (address: string): string => (address.startsWith(`${call}.`) ? address.slice(call.length + 1) : address);
  const module = (m: any): any => {
    const { address: _address, ...rest } = m;
    return {
      ...rest,
      ...(m.resources ? { resources: m.resources.map((r: any) => ({ ...r, address: strip(r.address) })) } : {}),
      // In address order: terraform writes a module's children in no fixed order.
      ...(m.child_modules ? {
        child_modules: m.child_modules.map((c: any) => ({ ...module(c), address: strip(c.address) }))
          .sort((a: any, b: any) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
      } : {}),
    };
  };
  const rootOf = (root: any): any => {
    const child = (root?.child_modules ?? []).find((c: any) => c.address === call);
    return child ? module(child) : {};
  };
  // A module's own provider configurations (a folder planned with its provider blocks) are keyed `module.<name>:aws`.
  const keyPrefix = `${call}:`;
  const rekey = (key: string): string => (key.startsWith(keyPrefix) ? key.slice(keyPrefix.length) : strip(key));
  const providerConfigOf = (configs: Record<string, any>): Record<string, any> => Object.fromEntries(Object.entries(configs)
    .filter(([key, c]) => !key.includes(':') || key.startsWith(keyPrefix) || key.startsWith(`${call}.`) || mine(c.module_address))
    .map(([key, c]) => {
      const { module_address: moduleAddress, ...config } = c;
      return [rekey(key), moduleAddress && moduleAddress !== call ? { ...config, module_address: strip(moduleAddress) } : config];
    }));
  const withProviderKeys = (m: any): any => ({
    ...m,
    ...(m.resources ? {
      resources: m.resources.map((r: any) => (r.provider_config_key ? { ...r, provider_config_key: rekey(r.provider_config_key) } : r)),
    } : {}),
    ...(m.module_calls ? {
      module_calls: Object.fromEntries(Object.entries(m.module_calls)
        .map(([k, c]: [string, any]) => [k, c.module ? { ...c, module: withProviderKeys(c.module) } : c])),
    } : {}),
  });
  const { output_changes: _outputs, ...rest } = plan;
  const out: any = {
    ...rest,
    planned_values: { ...plan.planned_values, root_module: rootOf(plan.planned_values?.root_module) },
    resource_changes: (plan.resource_changes ?? []).filter((rc: any) => mine(rc.address)).map((rc: any) => {
      const { module_address: moduleAddress, ...change } = rc;
      return {
        ...change,
        address: strip(rc.address),
        ...(moduleAddress && moduleAddress !== call ? { module_address: strip(moduleAddress) } : {}),
        ...(rc.previous_address ? { previous_address: strip(rc.previous_address) } : {}),
      };
    }),
    configuration: {
      ...plan.configuration,
      provider_config: providerConfigOf(plan.configuration.provider_config ?? {}),
      root_module: withProviderKeys(plan.configuration.root_module.module_calls[name].module),
    },
  };
  // The module's outputs, carried by root outputs `<name>__<output>` (planJointly).
  const outputsOf = (outputs: Record<string, unknown> | undefined): Record<string, unknown> => Object.fromEntries(Object.entries(outputs ?? {})
    .filter(([key]) => key.startsWith(`${name}${OUTPUT_SEPARATOR}`)).map(([key, o]) => [key.slice(name.length + OUTPUT_SEPARATOR.length), o]));
  delete out.planned_values.outputs;
  if (Object.keys(outputsOf(plan.planned_values?.outputs)).length > 0) out.planned_values.outputs = outputsOf(plan.planned_values.outputs);
  if (Object.keys(outputsOf(plan.output_changes)).length > 0) out.output_changes = outputsOf(plan.output_changes);
  if (plan.prior_state) {
    const { outputs: priorOutputs, ...values } = plan.prior_state.values ?? {};
    const outputs = outputsOf(priorOutputs);
    out.prior_state = {
      ...plan.prior_state,
      values: { ...(Object.keys(outputs).length > 0 ? { outputs } : {}), ...values, root_module: rootOf(plan.prior_state.values?.root_module) },
    };
  }
  // The results of the variables' validation blocks and other checks, by the module they are in.
  const checkAddress = (a: any): any => {
    const { module: where, ...address } = a;
    return { ...address, ...(where && where !== call ? { module: strip(where) } : {}), ...(a.to_display ? { to_display: strip(a.to_display) } : {}) };
  };
  if (plan.checks) {
    out.checks = plan.checks.filter((c: any) => mine(c.address?.module)).map((c: any) => ({
      ...c,
      address: checkAddress(c.address),
      ...(c.instances ? { instances: c.instances.map((i: any) => ({ ...i, address: checkAddress(i.address) })) } : {}),
    }));
  }
  if (plan.relevant_attributes) {
    out.relevant_attributes = plan.relevant_attributes.filter((a: any) => mine(a.resource)).map((a: any) => ({ ...a, resource: strip(a.resource) }));
  }
  return out;
}
