/**
 * A Terraform state (format 4) as an apply of a plan would leave it, for the tests of plans of existing deployments: every
 * managed resource instance of the plan, with its planned values and, where the plan knew a value only after apply, one
 * an apply could give (an AWS-style id, an ARN, an empty list). `terraform plan -refresh=false` beside it then plans the
 * same configuration against "deployed" resources, offline: what a vendor's pipeline checks after the first deployment.
 *
 * The state format is Terraform's (internal/states/statefile, version 4: `resources[]` of `{ module, mode, type, name,
 * provider, instances[] }`, each instance `{ index_key, schema_version, attributes }`); a resource's schema version is
 * the provider's (`terraform providers schema -json`), so that terraform does not upgrade the attributes.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runTerraform, TerraformSetup } from './terraform';
import { moduleAsRoot, planFoldersTogether } from './terraform-together';

/** The provider's schema (`terraform providers schema -json`), as far as this file reads it. */
export interface ProviderSchemas {
  readonly provider_schemas: Record<string, {
    readonly resource_schemas?: Record<string, { readonly version?: number; readonly block: SchemaBlock }>;
  }>;
}

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly type?: unknown }>;
  readonly block_types?: Record<string, { readonly nesting_mode?: string; readonly block: SchemaBlock }>;
}

/**
 * The prefix of the ids AWS gives resources of a type (EC2 API reference, each resource's `…Id`): a plan that names a
 * deployed resource names it so. Other types get their type name as the prefix (an apply's id is opaque to the guard).
 */
const ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_route_table: 'rtb',
  aws_security_group: 'sg',
  aws_internet_gateway: 'igw',
  aws_egress_only_internet_gateway: 'eigw',
  aws_nat_gateway: 'nat',
  aws_eip: 'eipalloc',
  aws_network_acl: 'acl',
  aws_vpc_endpoint: 'vpce',
  aws_vpc_peering_connection: 'pcx',
  aws_ec2_transit_gateway: 'tgw',
  aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach',
  aws_ec2_transit_gateway_route_table: 'tgw-rtb',
  aws_route_table_association: 'rtbassoc',
  aws_instance: 'i',
  aws_launch_template: 'lt',
  aws_network_interface: 'eni',
  aws_flow_log: 'fl',
  aws_vpn_gateway: 'vgw',
  aws_customer_gateway: 'cgw',
  aws_vpn_connection: 'vpn',
  aws_vpc_dhcp_options: 'dopt',
  aws_ec2_managed_prefix_list: 'pl',
  aws_security_group_rule: 'sgrule',
};

/**
 * Attributes holding the id of a resource AWS makes with the one deployed (a VPC's main route table, default network
 * ACL and security group, DHCP options set), by the prefix of that id.
 */
const MADE_WITH: Record<string, string> = {
  transit_gateway_attachment_id: 'tgw-attach', default_route_table_id: 'rtb', main_route_table_id: 'rtb', default_network_acl_id: 'acl', default_security_group_id: 'sg', dhcp_options_id: 'dopt',
};

/**
 * Flags AWS sets where the configuration leaves them to it: a transit gateway attachment is associated with and
 * propagates to the default route table, as a transit gateway created with the defaults does
 * (`DefaultRouteTableAssociation` / `DefaultRouteTablePropagation`: enable, EC2 API CreateTransitGateway).
 */
const BOOL_DEFAULTS: Record<string, boolean> = {
  'aws_ec2_transit_gateway_vpc_attachment.transit_gateway_default_route_table_association': true,
  'aws_ec2_transit_gateway_vpc_attachment.transit_gateway_default_route_table_propagation': true,
};

/** Seventeen hex digits from the instance's address: stable from run to run, distinct between instances. */
function hex(address: string, what: string): string {
  return createHash('sha256').update(`${address} ${what}`).digest('hex').slice(0, 17);
}

/** A value of an attribute's type (cty type JSON) that an apply could have given where the plan did not know it. */
function fill(type: unknown, address: string, resourceType: string, name: string, configured: boolean): unknown {
  if (name === 'id') return `${ID_PREFIX[resourceType] ?? resourceType.replace(/^aws_/, '').replace(/_/g, '-')}-${hex(address, 'id')}`;
  if (name === 'arn' || name.endsWith('_arn')) return `arn:aws:ec2:ap-northeast-1:111122223333:${resourceType.replace(/^aws_/, '')}/${hex(address, name)}`;
  if (name === 'owner_id' || name === 'account_id') return '111122223333';
  const made = MADE_WITH[name];
  if (made !== undefined) return `${made}-${hex(address, name)}`;
  // A value the configuration gives from another resource (an id known after apply): one of the right shape, which the
  // next plan corrects (`deployedState` is applied until nothing is replaced).
  if (type === 'string' && configured) return name.endsWith('_id') ? `${name.replace(/_id$/, '').replace(/_/g, '-')}-${hex(address, name)}` : `${name}-${hex(address, name)}`;
  // A name AWS or the provider gives (from a prefix) and an id made with the resource (a VPN connection's transit gateway
  // attachment) are filled, since other resources refer to them; other text AWS leaves unset where the configuration does
  // not ask — a route's other targets, the IPv6 block of a VPC without IPv6, a target group's protocol version — the
  // provider records as an empty string (a made-up value there would be planned away, and the resource replaced).
  if (type === 'string' && resourceType !== 'aws_route' && !name.startsWith('ipv6_') && (name === 'name' || name.endsWith('_id'))) {
    return name.endsWith('_id') ? `${name.replace(/_id$/, '').replace(/_/g, '-')}-${hex(address, name)}` : `${name}-${hex(address, name)}`;
  }
  if (type === 'string') return '';
  if (type === 'number') return 0;
  if (type === 'bool') return BOOL_DEFAULTS[`${resourceType}.${name}`] ?? false;
  if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) return [];
  if (Array.isArray(type) && type[0] === 'map') return {};
  return null;
}

/** In a nested block, an id known after apply is taken as given by the configuration (a route block's target). */
const NESTED: ReadonlySet<string> = new Set(['transit_gateway_id', 'gateway_id', 'nat_gateway_id', 'vpc_endpoint_id', 'network_interface_id', 'vpc_peering_connection_id']);

/** The planned values with what was known only after apply filled in (`fill`), nested blocks included. */
function known(
  values: unknown, unknown: unknown, block: SchemaBlock | undefined, address: string, type: string, configured: ReadonlySet<string>,
): unknown {
  const v = (values && typeof values === 'object' && !Array.isArray(values) ? values : {}) as Record<string, unknown>;
  const u = (unknown && typeof unknown === 'object' && !Array.isArray(unknown) ? unknown : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...v };
  for (const [key, mark] of Object.entries(u)) {
    const nested = block?.block_types?.[key];
    if (mark === true) {
      out[key] = nested ? (nested.nesting_mode === 'single' ? null : []) : fill(block?.attributes?.[key]?.type, address, type, key, configured.has(key));
    } else if (Array.isArray(mark) && Array.isArray(v[key])) {
      out[key] = (v[key] as unknown[]).map((e, i) => (mark[i] === true ? fill('string', `${address}[${i}]`, type, key, configured.has(key))
        : mark[i] && typeof mark[i] === 'object' ? known(e, mark[i], nested?.block, `${address}.${key}[${i}]`, type, NESTED) : e));
    } else if (mark && typeof mark === 'object' && v[key] && typeof v[key] === 'object') {
      out[key] = known(v[key], mark, nested?.block, `${address}.${key}`, type, NESTED);
    }
  }
  return out;
}

/**
 * The state an apply of `plan` (`terraform show -json`) would leave: every managed resource instance of its planned
 * values, with the values known only after apply filled in, under the schema versions of `schemas`.
 */
export function deployedState(plan: any, schemas: ProviderSchemas): Record<string, unknown> {
  const unknowns = new Map<string, unknown>();
  for (const rc of plan.resource_changes ?? []) if (rc.change && rc.deposed == null) unknowns.set(rc.address, rc.change.after_unknown);
  interface StateResource { module?: string; mode: string; type: string; name: string; provider: string; instances: unknown[] }
  const resources = new Map<string, StateResource>();
  const walk = (module: any) => {
    for (const r of module.resources ?? []) {
      if (r.mode !== 'managed') continue;
      const provider = r.provider_name as string;
      const schema = schemas.provider_schemas[provider]?.resource_schemas?.[r.type];
      const moduleAddress = module.address as string | undefined;
      const key = `${moduleAddress ?? ''} ${r.type}.${r.name}`;
      // The provider configuration the resource is made with: a child module's resources name the configuration passed to it.
      const resource: StateResource = resources.get(key) ?? {
        ...(moduleAddress ? { module: moduleAddress } : {}), mode: 'managed', type: r.type, name: r.name, provider: providerOf(plan, r.address, provider), instances: [],
      };
      resource.instances.push({
        ...(r.index !== undefined ? { index_key: r.index } : {}),
        schema_version: schema?.version ?? 0,
        attributes: known(r.values, unknowns.get(r.address), schema?.block, r.address, r.type, configuredKeys(plan, r.address)),
        sensitive_attributes: [],
      });
      resources.set(key, resource);
    }
    for (const child of module.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values?.root_module ?? {});
  return {
    version: 4,
    terraform_version: plan.terraform_version ?? '1.11.0',
    serial: 1,
    lineage: '6a1b2c3d-0000-4000-8000-000000000048',
    outputs: {},
    resources: [...resources.values()],
  };
}

/** The arguments the configuration of a resource instance writes (its expressions' keys). */
function configuredKeys(plan: any, address: string): Set<string> {
  return new Set(Object.keys(configOf(plan, address)?.expressions ?? {}));
}

/** The configuration of a resource instance, through the module calls of its address. */
function configOf(plan: any, address: string): any {
  const parts = address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '').split('.');
  let config = plan.configuration?.root_module;
  while (parts.length > 2 && parts[0] === 'module') {
    config = config?.module_calls?.[parts[1]]?.module;
    parts.splice(0, 2);
  }
  return config?.resources?.find((c: any) => c.mode === 'managed' && c.type === parts[0] && c.name === parts[1]);
}

/**
 * The provider address a state records for a resource (`provider["registry.terraform.io/hashicorp/aws"].internet` for an
 * alias; in a module, the configuration passed to it, `module.network.provider[…]` when the module has its own): from the
 * resource's configuration's `provider_config_key`.
 */
function providerOf(plan: any, address: string, source: string): string {
  const key: string | undefined = configOf(plan, address)?.provider_config_key;
  // `aws.internet` in the root, `network:aws` for a module's own configuration, `aws` for the default one.
  const alias = key?.split(':').pop()?.split('.')[1];
  return `provider["${source}"]${alias ? `.${alias}` : ''}`;
}

/** Fresh and deployed plans of configurations planned together (`planDeployedTogether`), by name. */
export interface DeployedPlans {
  /** The plan of a new deployment, as `terraform show -json` writes it for the configuration alone. */
  readonly fresh: Record<string, any>;
  /** The plan of the same configuration once deployed (nothing to create or replace). */
  readonly deployed: Record<string, any>;
  /** Plans made until nothing was replaced (each plan's values known only after apply become the next state's). */
  readonly rounds: number;
}

/**
 * Plans HCL folders together (`planFoldersTogether`), then "deploys" the joint plan (`deployedState`) and plans again,
 * offline (`-refresh=false`): a value the state got from a guess (a referenced resource's id known only after apply)
 * makes terraform replace the resource and plan the value from the referenced resource's state, so the state is made
 * again from each plan until a plan replaces nothing. Fails when that takes more than `maxRounds` plans.
 */
export function planDeployedTogether(setup: TerraformSetup, cwd: string, folders: Readonly<Record<string, string>>, maxRounds = 8): DeployedPlans {
  const planned = planFoldersTogether(setup, cwd, folders);
  const fresh = Object.fromEntries(Object.entries(planned).map(([name, p]) => {
    if (!p.plan) throw p.error ?? new Error(`${name} was not planned`);
    return [name, p.plan];
  }));
  const show = () => JSON.parse(execFileSync(setup.terraform, ['show', '-json', 'plan.bin'], { cwd, env: setup.env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }));
  const schemas = JSON.parse(execFileSync(setup.terraform, ['providers', 'schema', '-json'], { cwd, env: setup.env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }));
  let joint = show();
  for (let round = 1; round <= maxRounds; round++) {
    fs.writeFileSync(path.join(cwd, 'terraform.tfstate'), JSON.stringify(deployedState(joint, schemas)));
    runTerraform(setup, cwd, ['plan', '-input=false', '-lock=false', '-refresh=false', '-out=plan.bin']);
    joint = show();
    const replaced = (joint.resource_changes ?? []).filter((rc: any) => (rc.change?.actions ?? []).some((a: string) => a === 'create' || a === 'delete'));
    if (replaced.length === 0) {
      return { fresh, deployed: Object.fromEntries(Object.keys(folders).map((name) => [name, moduleAsRoot(joint, name)])), rounds: round };
    }
  }
  throw new Error(`the deployed configurations were still replaced after ${maxRounds} plans`);
}
