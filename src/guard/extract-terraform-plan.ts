import { GraphBuilder } from './builder';
import {
  DEFAULT_TAGS_FIX, DefaultTags, defaultTagsOf, defaultTagsReason, knownDefaults, NAMING_ATTRIBUTES, PlanReference, PlanTemplate, PlanUnknown,
  readPlanResources, PROVIDER_CONFIG, ResourceEntry, WRITTEN_ARGUMENTS,
} from './extract-terraform';
import { TopologyGraph } from './graph';
import { expressionText } from './unreadable';

/** A resource of `planned_values` (a module's `resources`). */
export interface TerraformPlanResource {
  /** The absolute address, with `module.<name>[<key>].` prefixes and the `[0]` / `["key"]` instance key. */
  readonly address: string;
  /** `managed` (a resource) or `data` (a data source, not a resource: not read). */
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  /** The source address of the provider that manages it (`registry.terraform.io/hashicorp/aws`). */
  readonly provider_name?: string;
  /** The planned values; those known only after apply are absent. */
  readonly values?: Record<string, unknown>;
}

/** A module of `planned_values`. */
export interface TerraformPlanModule {
  /** `module.<name>[<key>]…`; absent for the root module. */
  readonly address?: string;
  readonly resources?: readonly TerraformPlanResource[];
  readonly child_modules?: readonly TerraformPlanModule[];
}

/** One expression of the configuration: a constant, or the references it is computed from. */
export interface TerraformPlanExpression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** A resource of the configuration: its module-relative address and the expressions of its arguments. */
export interface TerraformConfigResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider_config_key?: string;
  /** Argument expressions; a nested block is an array of objects of expressions. */
  readonly expressions?: Record<string, unknown>;
  readonly count_expression?: TerraformPlanExpression;
  readonly for_each_expression?: TerraformPlanExpression;
  /** Provisioners, by type (`local-exec`, `remote-exec`, `file`). */
  readonly provisioners?: readonly { readonly type?: string }[];
}

/** A module of the configuration. */
export interface TerraformConfigModule {
  readonly resources?: readonly TerraformConfigResource[];
  readonly module_calls?: Readonly<Record<string, {
    readonly source?: string;
    /** The call's input variables. */
    readonly expressions?: Record<string, TerraformPlanExpression>;
    readonly count_expression?: TerraformPlanExpression;
    readonly for_each_expression?: TerraformPlanExpression;
    readonly module?: TerraformConfigModule;
  }>>;
  readonly outputs?: Readonly<Record<string, { readonly expression?: TerraformPlanExpression }>>;
  /** Action blocks (Terraform 1.14), by their module-relative address (`action.aws_lambda_invoke.seed`). */
  readonly actions?: readonly { readonly address?: string }[];
}

/** The parts of a Terraform plan JSON (`terraform show -json <planfile>`, format 1.x) the guard reads. */
export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly planned_values?: { readonly root_module?: TerraformPlanModule };
  /** Per resource instance: `change.after_unknown` marks the values known only after apply. */
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly mode?: string;
    readonly provider_name?: string;
    /** The key of a deposed object of the address (a create_before_destroy replacement that failed), which the change destroys. */
    readonly deposed?: string | null;
    readonly change?: {
      readonly actions?: readonly string[];
      readonly after?: unknown;
      readonly after_unknown?: unknown;
      readonly before?: unknown;
      /** Terraform 1.5: the change imports an existing resource (an import block). */
      readonly importing?: { readonly id?: unknown };
    };
  }[];
  readonly configuration?: {
    readonly provider_config?: Readonly<Record<string, { readonly expressions?: Record<string, unknown> }>>;
    readonly root_module?: TerraformConfigModule;
  };
  /** Terraform 1.6+: false when the plan leaves changes for a later plan and apply (`-target`, deferred changes). */
  readonly complete?: boolean;
  /** Terraform 1.5+: true when planning stopped at an error (what was planned so far). */
  readonly errored?: boolean;
  /** Terraform 1.9+ (deferred actions): the resource changes left for a later plan and apply, with why. */
  readonly deferred_changes?: readonly { readonly resource_change?: { readonly address?: string }; readonly reason?: string }[];
}

/**
 * Arguments of the resources the guard reads that hold a list of ids or blocks (AWS provider 5.x schema): the values of
 * such a list known only after apply are the resources its expression references (for a list that narrows, only when
 * they are no more than its unknown places, or the instances of one resource: `NARROWING_LISTS`). Every other argument
 * holds one value.
 */
const LIST_ARGUMENTS = new Set([
  'subnet_ids', 'subnets', 'route_table_ids', 'security_group_ids', 'security_groups', 'vpc_zone_identifier', 'cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids',
  // The groups an instance, a database or a cache is a member of: a set, unknown as a whole while one group is to be created.
  'vpc_security_group_ids',
  // SC-4: where a web ACL logs.
  'log_destination_configs',
  // What the network bridges the guard does not model attach to (GUARD-1, bridges.ts).
  'network_load_balancer_arns', 'gateway_load_balancer_arns', 'target_arns', 'subnet_arns',
]);

/**
 * List arguments that narrow what their resources allow (a NACL applies to the listed subnets only): read as holding
 * every resource their expression names, they would make a subnet seem restricted that is not.
 */
const NARROWING_LISTS = new Set(['aws_network_acl.subnet_ids', 'aws_default_network_acl.subnet_ids']);

/** `module.a.aws_network_acl.x["k"]` → `aws_network_acl`. */
function resourceType(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '').split('.').slice(-2)[0];
}

/** Follows of module outputs and input variables: deeper than any real module tree, small enough to stop a cycle. */
const MAX_DEPTH = 32;

/** How to read a plan. */
export interface TerraformPlanOptions {
  /**
   * The AWS account the plan deploys to, where the plan cannot say (an offline plan reads no caller identity, and
   * `allowed_account_ids` needs one): a literal account ID equal to it in an endpoint policy is the own account (MN-5).
   * A plan that says otherwise (`allowed_account_ids`, the caller identity) is refused.
   * @default - the plan's own word only
   */
  readonly account?: string;
}

/** Whether a JSON value is a Terraform plan (`terraform show -json <planfile>`), not a configuration or a template. */
export function isTerraformPlan(json: unknown): json is TerraformPlanJson {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const j = json as Record<string, unknown>;
  return typeof j.format_version === 'string' && (j.planned_values !== undefined || j.resource_changes !== undefined) && j.resource === undefined;
}

/**
 * Build the topology graph of a Terraform plan JSON (`terraform show -json <planfile>`), of any configuration
 * (hand-written HCL, modules, CDKTF). Node ids are the resources' Terraform addresses. What is read and how values
 * known only after apply are resolved: docs/guard-semantics.md §11.
 */
export function extractTerraformPlan(plan: unknown, options: TerraformPlanOptions = {}): TopologyGraph {
  if (!isTerraformPlan(plan)) {
    throw new Error('Not a Terraform plan JSON: expected the output of terraform show -json <planfile> (format_version and planned_values); '
      + 'a synthesized configuration (cdk.tf.json) is read by extractTerraform');
  }
  const major = /^(\d+)\./.exec(plan.format_version)?.[1];
  if (major !== '1') throw new Error(`Terraform plan JSON format ${plan.format_version} is not supported: the guard reads format 1.x (terraform show -json, Terraform 1.x)`);
  const builder = new GraphBuilder('terraform');
  const reader = new PlanReader(plan);
  const removed = [...reader.destroyed(), ...reader.forgotten()];
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) throw new Error(`account ${JSON.stringify(options.account)} is not a 12-digit AWS account ID`);
  const planned = reader.deployingAccount();
  if (planned !== undefined && options.account !== undefined && planned !== options.account) {
    throw new Error(`the plan deploys to account ${planned} (the default provider's allowed_account_ids or caller identity), not ${options.account}: correct the account given`);
  }
  readPlanResources(
    builder, reader.entries(), reader.dataEntries(), removed, reader.imported(), reader.actions(), reader.providers(), planned ?? options.account,
  );
  for (const p of reader.unreadDefaultTags()) builder.unresolvedValue(p.node, p.property, p.reason, DEFAULT_TAGS_FIX);
  for (const m of reader.unconfigured) {
    builder.unresolvedValue(m || PLAN_NODE, 'configuration', 'the plan holds no configuration for this module where the guard reads it, so its resources\' '
      + 'provisioners and written arguments cannot be read', 'check the plan terraform show -json writes, whole and unedited');
  }
  partialPlan(builder, plan);
  return builder.build();
}

/**
 * A plan that does not show the whole network it belongs to is judged as what it shows, and each way it is partial is
 * GUARD-1 (fail closed), one finding per cause, named `(plan)` with the plan's field: `complete` other than true (the
 * plan leaves changes for a later plan and apply: `-target`, deferred actions), `errored` other than false (planning
 * stopped at an error), and `deferred_changes` holding anything (each deferred resource named by its
 * `resource_change.address`, with its `reason`). Field names: the plan representation of Terraform's JSON output format
 * (https://developer.hashicorp.com/terraform/internals/json-format; hashicorp/terraform internal/command/jsonplan/plan.go:
 * `complete`, `errored`, `deferred_changes[]` of `{ resource_change, reason }`). A plan of an older Terraform has none of
 * them, and is whole.
 */
function partialPlan(builder: GraphBuilder, plan: TerraformPlanJson): void {
  if (plan.complete !== undefined && plan.complete !== true) {
    builder.unresolvedValue(PLAN_NODE, 'complete', `the plan is not complete (complete = ${JSON.stringify(plan.complete)}): it leaves changes for a later plan `
      + 'and apply (a plan made with -target, or one that defers changes), which the guard does not see',
    'plan the whole configuration (no -target, nothing deferred) so that the plan is complete, and check that plan');
  }
  if (plan.errored !== undefined && plan.errored !== false) {
    builder.unresolvedValue(PLAN_NODE, 'errored', `the plan errored (errored = ${JSON.stringify(plan.errored)}): Terraform stopped planning at an error, `
      + 'so the plan holds only what was planned before it',
    'correct the errors terraform plan reports, and check the plan it then makes');
  }
  const deferred = plan.deferred_changes;
  if (deferred === undefined || deferred === null || (Array.isArray(deferred) && deferred.length === 0)) return;
  const named = (Array.isArray(deferred) ? deferred : [deferred]).map((d, i) => {
    const address = typeof d?.resource_change?.address === 'string' ? d.resource_change.address : `deferred_changes[${i}]`;
    return typeof d?.reason === 'string' ? `${address} (${d.reason})` : address;
  }).join(', ');
  builder.unresolvedValue(PLAN_NODE, 'deferred_changes', `the plan defers the changes of ${named} to a later plan and apply, which the guard does not see`,
    'give the deferred resources values known at plan time (their count, for_each and provider configuration not taken from resources yet to be '
    + 'created), so that the plan defers nothing, and check that plan');
}

/** Whether a change is of a deposed object of its address (its `deposed` key set), not of the current instance. */
function deposed(rc: { readonly deposed?: string | null }): boolean {
  return rc.deposed !== undefined && rc.deposed !== null;
}

/** The provider configuration of a resource whose configuration the plan does not hold: matches no other (`PROVIDER_CONFIG`). */
const UNKNOWN_PROVIDER = '(unknown provider configuration)';

/** Where the findings about the plan as a whole are located: no resource holds them. */
const PLAN_NODE = '(plan)';

/** A module instance: its address prefix (`module.a["x"].`, empty for the root) and its configuration. */
interface ModuleScope {
  readonly prefix: string;
  readonly config: TerraformConfigModule | undefined;
  /** The calling module instance and the name of the call; absent for the root. */
  readonly parent?: { readonly scope: ModuleScope; readonly call: string };
}

type Resolution = { readonly ok: true; readonly refs: readonly PlanReference[] } | { readonly ok: false; readonly reason: string };

/**
 * Whether a known `tags_all` lacks the provider's default tags: a key of them the resource does not set itself is
 * missing, or — default tags given as one expression, whose keys the plan does not show — it holds nothing beyond the
 * resource's own tags. The AWS provider applies default tags known at plan time, all of them, and leaves those known
 * only after apply out of the plan's tags_all (tags_all is then the own tags), which is no evidence of what is deployed.
 * (Default tags legitimately empty, or all set by the resource itself, are taken as lacking: fail closed.)
 */
function lacksDefaults(all: Record<string, unknown>, ownTags: unknown, d: DefaultTags): boolean {
  // A provider without default tags (most resources of most plans) gives nothing to lack: no set of own keys to build.
  if (d.unread.length === 0 && d.unknown !== 'any' && d.unknown.size === 0 && Object.keys(d.tags).length === 0) return false;
  const own = new Set(ownTags !== null && typeof ownTags === 'object' ? Object.keys(ownTags) : []);
  if (d.unknown === 'any') return d.unread.length > 0 && Object.keys(all).every((k) => own.has(k));
  return [...Object.keys(d.tags), ...d.unknown].some((k) => !own.has(k) && !(k in all));
}

class PlanReader {
  /** Every managed resource instance of the plan, by address, with its type. */
  private readonly planned = new Map<string, string>();
  /**
   * Each managed resource instance's configuration, by address: its expressions, and the provider configuration it is
   * made with (`provider_config_key`: terraform gives a child module's resource the key of the configuration passed to
   * the module, `providers = { aws = aws.other }`).
   */
  private readonly configs = new Map<string, TerraformConfigResource>();
  private readonly unknowns = new Map<string, unknown>();
  /** Each resource instance's prior state (`change.before`; null for one the plan creates). */
  private readonly before = new Map<string, unknown>();
  /** Child module instances of the plan whose configuration the plan does not hold where the guard looks (`entries`). */
  public readonly unconfigured: string[] = [];
  /** Each provider configuration's default tags (`providerDefaults`), by its key. */
  private readonly defaults = new Map<string, DefaultTags>();
  /**
   * By the key of a provider configuration whose default tags the guard cannot read, its resources whose tags_all is
   * known only after apply (`after`), and those whose tags_all the plan gives without the default tags (`without`).
   */
  private readonly unreadDefaults = new Map<string, { readonly after: string[]; readonly without: string[] }>();

  constructor(private readonly plan: TerraformPlanJson) {
    for (const rc of plan.resource_changes ?? []) {
      // A deposed object (`deposed`: left by a create_before_destroy replacement that failed) has the address of the current
      // instance and comes after it: it would hide the current instance's unknowns (outside auditor, red team 38).
      if (!rc.change || deposed(rc)) continue;
      this.unknowns.set(rc.address, rc.change.after_unknown);
      this.before.set(rc.address, rc.change.before);
    }
  }

  public entries(): ResourceEntry[] {
    const out: ResourceEntry[] = [];
    const root: ModuleScope = { prefix: '', config: this.plan.configuration?.root_module };
    const modules: { module: TerraformPlanModule; scope: ModuleScope }[] = [];
    const walk = (module: TerraformPlanModule, scope: ModuleScope) => {
      modules.push({ module, scope });
      for (const r of module.resources ?? []) {
        if (r.mode !== 'managed') continue;
        this.planned.set(r.address, r.type);
        const config = scope.config?.resources?.find((c) => c.mode === 'managed' && c.type === r.type && c.name === r.name);
        if (config !== undefined) this.configs.set(r.address, config);
      }
      for (const child of module.child_modules ?? []) {
        const address = child.address ?? '';
        // A call's name is any Terraform identifier (Unicode letters too: `module "基盤"`, outside auditor, red team 38).
        const call = /(?:^|\.)module\.([^.[\]"]+)(\[[^\]]*\]|\["(?:[^"\\]|\\.)*"\])?$/.exec(address);
        const config = call ? scope.config?.module_calls?.[call[1]]?.module : undefined;
        // Its resources' provisioners and written arguments are in the configuration only: without it, nothing says what runs.
        if (config === undefined && this.plan.configuration !== undefined) this.unconfigured.push(address);
        walk(child, { prefix: `${address}.`, config, parent: call ? { scope, call: call[1] } : undefined });
      }
    };
    walk(this.plan.planned_values?.root_module ?? {}, root);
    const deployed = this.deployedIds(modules.map((m) => m.module));
    for (const { module, scope } of modules) {
      for (const r of module.resources ?? []) {
        // Data sources are read at plan time, not created: their values are literals where other resources use them.
        if (r.mode !== 'managed') continue;
        const config = this.configs.get(r.address);
        const body = this.value(r.address, '', r.values ?? {}, this.unknowns.get(r.address), config?.expressions, scope) as Record<string, unknown>;
        namedByIds(body, deployed, r.address);
        const written = config !== undefined ? this.written(r, config) : undefined;
        // An argument the configuration does not write that is an empty string is one AWS left unset (a deployed VPC's
        // ipv6_cidr_block, a route's other targets: the provider records them so): absent, as in the plan of a new
        // deployment, where it is known only after apply.
        if (written !== undefined) for (const [key, v] of Object.entries(body)) if (v === '' && !written.has(key)) delete body[key];
        // An Auto Scaling group has no tags map: its tag blocks are its tags, and default_tags do not apply to it.
        if (r.type !== 'aws_autoscaling_group') body.tags = this.tags(r, config);
        delete body.tags_all;
        if (written !== undefined) (body as Record<symbol, unknown>)[WRITTEN_ARGUMENTS] = written;
        // Without its configuration, the provider configuration it is made with is not known: none (MN-5's own account).
        (body as Record<symbol, unknown>)[PROVIDER_CONFIG] = config?.provider_config_key ?? UNKNOWN_PROVIDER;
        // Provisioners are in the configuration only (deploy-time code, read as a synthesized configuration's are).
        if (config?.provisioners !== undefined) body.provisioner = config.provisioners.map((p) => ({ [String(p?.type)]: {} }));
        out.push({ address: r.address, type: r.type, body, source: r.provider_name });
      }
    }
    return out.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  }

  /**
   * The resources of the plan that are already deployed, by the id and the ARN the plan knows for them (`deployedId`): a
   * plan of an existing deployment writes another resource's id where the configuration refers to it (`vpc_id =
   * "vpc-0123…"`, not a value known after apply), and that id names that resource of the plan, not one outside it. An id
   * two resources of the plan share (an address imported twice) names neither: it stays a literal (outside the plan,
   * fail closed).
   */
  private deployedIds(modules: readonly TerraformPlanModule[]): Map<string, PlanReference | undefined> {
    const out = new Map<string, PlanReference | undefined>();
    const add = (v: unknown, ref: PlanReference) => {
      if (!deployedId(v)) return;
      const had = out.get(v);
      // The same resource under two of its attributes (a VPC's main and default route table ids) is still one.
      out.set(v, out.has(v) && had?.address !== ref.address ? undefined : had ?? ref);
    };
    for (const module of modules) {
      for (const r of module.resources ?? []) {
        if (r.mode !== 'managed') continue;
        const values = r.values ?? {};
        add(values.id, new PlanReference(r.address, r.type, 'id'));
        if (!ARN_ARGUMENTS.has(r.type)) add(values.arn, new PlanReference(r.address, r.type, 'arn'));
        for (const named of NAMING_ATTRIBUTES) {
          const attribute = named.slice(named.indexOf('.') + 1);
          if (named.slice(0, named.indexOf('.')) === r.type) add(valueAt(values, attribute), new PlanReference(r.address, r.type, attribute));
        }
        // A firewall's endpoints, as the plan of a new deployment refers to them (`…firewall_status[0].sync_states`).
        if (r.type === 'aws_networkfirewall_firewall') {
          for (const endpoint of firewallEndpointIds(values.firewall_status)) add(endpoint, new PlanReference(r.address, r.type, 'firewall_status[0].sync_states'));
        }
      }
    }
    return out;
  }

  /**
   * The arguments the configuration writes for a resource instance: its expressions, and the blocks a `dynamic` block
   * writes, which the plan's configuration does not record (terraform 1.11 leaves the argument out of `expressions`) but
   * plans: a non-empty list of blocks that is not the prior state kept (an argument left out of the configuration that
   * the provider computes, such as a NACL's `egress`, keeps the prior state: everything in AWS, other resources' entries too).
   */
  private written(r: TerraformPlanResource, config: TerraformConfigResource): Set<string> {
    const out = new Set(Object.keys(config.expressions ?? {}));
    const before = this.before.get(r.address);
    for (const [key, value] of Object.entries(r.values ?? {})) {
      if (out.has(key) || !Array.isArray(value) || value.length === 0 || !value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) continue;
      const prior = before !== null && typeof before === 'object' ? (before as Record<string, unknown>)[key] : undefined;
      if (JSON.stringify(prior) !== JSON.stringify(value)) out.add(key);
    }
    return out;
  }

  /**
   * Resource instances the plan only destroys (no planned value: a count or for_each that shrank) whose configuration
   * has provisioners, as removed blocks (`{ from, provisioner }`): their destroy-time provisioners run at apply time.
   */
  public destroyed(): { from: string; provisioner: Record<string, unknown>[] }[] {
    const planned = new Set<string>();
    const walk = (module: TerraformPlanModule) => {
      for (const r of module.resources ?? []) planned.add(r.address);
      for (const child of module.child_modules ?? []) walk(child);
    };
    walk(this.plan.planned_values?.root_module ?? {});
    const out: { from: string; provisioner: Record<string, unknown>[] }[] = [];
    for (const rc of this.plan.resource_changes ?? []) {
      // A deposed object is destroyed beside the current instance of its address, with its destroy-time provisioners.
      if (rc.mode === 'data' || (planned.has(rc.address) && !deposed(rc)) || !(rc.change?.actions ?? []).includes('delete')) continue;
      // module.a[0].module.b.null_resource.x["k"]: the configuration of module a, then b, then the resource.
      const parts = rc.address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '').split('.');
      let config = this.plan.configuration?.root_module;
      while (parts.length > 2 && parts[0] === 'module') {
        config = config?.module_calls?.[parts[1]]?.module;
        parts.splice(0, 2);
      }
      const resource = config?.resources?.find((c) => c.mode === 'managed' && c.type === parts[0] && c.name === parts[1]);
      if (resource?.provisioners !== undefined && resource.provisioners.length > 0) {
        out.push({ from: rc.address, provisioner: resource.provisioners.map((p) => ({ [String(p?.type)]: {} })) });
      }
    }
    return out;
  }

  /**
   * The configuration's action blocks (Terraform 1.14), in every module: each runs an operation of its provider at apply
   * time or when invoked (`terraform apply -invoke`), which the plan's resources do not show.
   * https://developer.hashicorp.com/terraform/language/block/action
   */
  public actions(): string[] {
    const out: string[] = [];
    const walk = (module: TerraformConfigModule | undefined, prefix: string) => {
      for (const a of module?.actions ?? []) out.push(`${prefix}${typeof a?.address === 'string' ? a.address : 'action.(unnamed)'}`);
      for (const [name, call] of Object.entries(module?.module_calls ?? {})) walk(call?.module, `${prefix}module.${name}.`);
    };
    walk(this.plan.configuration?.root_module, '');
    return out.sort();
  }

  /** The `provider_name` of every change, an instance the plan only destroys too (its provider's code runs for that). */
  public providers(): string[] {
    return (this.plan.resource_changes ?? []).map((rc) => rc.provider_name).filter((p): p is string => typeof p === 'string');
  }

  /**
   * Resource instances the plan imports (`change.importing`), as import blocks (`{ to, id }`): an existing resource keeps
   * whatever the configuration does not set, which the plan does not show (a subnet's association with a table of no
   * configuration, the gateways attached to a VPC).
   */
  public imported(): { to: string; id: unknown }[] {
    return (this.plan.resource_changes ?? []).filter((rc) => rc.mode !== 'data' && rc.change?.importing !== undefined && rc.change.importing !== null)
      .map((rc) => ({ to: rc.address, id: rc.change?.importing?.id }));
  }

  /**
   * Resource instances the plan forgets (action `forget`: a removed block with `destroy = false`), as such removed blocks:
   * terraform leaves them in the network and no longer shows them.
   */
  public forgotten(): { from: string; lifecycle: { destroy: false } }[] {
    return (this.plan.resource_changes ?? []).filter((rc) => rc.mode !== 'data' && (rc.change?.actions ?? []).includes('forget'))
      .map((rc) => ({ from: rc.address, lifecycle: { destroy: false } }));
  }

  /** The plan's data sources, addresses and types prefixed `data.` (only those that run code matter: `CODE_RUNNERS`). */
  /**
   * The account the plan deploys to with the default `aws` provider, where the plan says so (MN-5 compares endpoint
   * policies' literal accounts with it): the provider's `allowed_account_ids` holding one literal ID (Terraform refuses to
   * run against any other account), or the account ID of the root module's caller identity read with it. Undefined
   * otherwise (a literal account then stays a literal, which MN-5 cannot take for the own account).
   * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#allowed_account_ids
   */
  public deployingAccount(): string | undefined {
    const expressions = this.plan.configuration?.provider_config?.aws?.expressions;
    const allowed = (expressions?.allowed_account_ids as { constant_value?: unknown } | undefined)?.constant_value;
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string' && /^\d{12}$/.test(allowed[0])) return allowed[0];
    const config = this.plan.configuration?.root_module?.resources ?? [];
    const ids = new Set<unknown>();
    for (const r of this.plan.planned_values?.root_module?.resources ?? []) {
      if (r.mode !== 'data' || r.type !== 'aws_caller_identity') continue;
      const c = config.find((x) => x.mode === 'data' && x.type === r.type && x.name === r.name);
      if (c?.provider_config_key === 'aws') ids.add(r.values?.account_id);
    }
    const [only] = ids;
    return ids.size === 1 && typeof only === 'string' && /^\d{12}$/.test(only) ? only : undefined;
  }

  public dataEntries(): ResourceEntry[] {
    // Read at plan time (in the planned values), or deferred to apply (a change of action `read`).
    // With the values read (an http data source's method) or planned to be read; a value known only then is absent.
    const types = new Map<string, { type: string; source?: string; body: unknown }>();
    const walk = (module: TerraformPlanModule) => {
      for (const r of module.resources ?? []) if (r.mode === 'data') types.set(r.address, { type: r.type, source: r.provider_name, body: r.values });
      for (const child of module.child_modules ?? []) walk(child);
    };
    walk(this.plan.planned_values?.root_module ?? {});
    for (const rc of this.plan.resource_changes ?? []) {
      const type = /(?:^|\.)data\.([A-Za-z0-9_-]+)\.[^.]+$/.exec(rc.address)?.[1];
      if (rc.mode !== 'data' || type === undefined || types.has(rc.address)) continue;
      // An http data source's method known only when it is read may be any (fail closed).
      const unknown = (rc.change?.after_unknown as Record<string, unknown> | undefined)?.method === true;
      const after = typeof rc.change?.after === 'object' && rc.change.after !== null ? rc.change.after : {};
      types.set(rc.address, { type, source: rc.provider_name, body: unknown ? { ...after, method: '(known after apply)' } : after });
    }
    return [...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([address, { type, source, body }]) => ({ address, type: `data.${type}`, body: typeof body === 'object' && body !== null ? body : {}, source }));
  }

  /**
   * `tags_all`: the resource's tags over its provider's `default_tags`, as the provider applies them — unless it lacks
   * default tags (`lacksDefaults`): the AWS provider leaves default tags known only after apply out of tags_all in the
   * plan (terraform 1.11, provider 5.100: `tags_all` is then the resource's own tags, known). Where tags_all is known only
   * after apply (a resource without tags of its own) or lacks them, the resource's `tags` over the default tags of its
   * provider configuration (`providerDefaults`), without the labels they may set and the guard cannot read (reported
   * once per provider configuration, `unreadDefaultTags`). Own tags known only after apply are a marker (GUARD-1 at the
   * resource, semantics §3): the whole map, or each value of it.
   */
  private tags(r: TerraformPlanResource, config: TerraformConfigResource | undefined): unknown {
    const unknown = this.unknowns.get(r.address) as Record<string, unknown> | undefined;
    const key = config?.provider_config_key;
    const d = key === undefined ? undefined : this.providerDefaults(key);
    const all = r.values?.tags_all;
    const note = (kind: 'after' | 'without') => {
      if (key === undefined || d === undefined || d.unread.length === 0) return;
      const given = this.unreadDefaults.get(key) ?? { after: [], without: [] };
      given[kind].push(r.address);
      this.unreadDefaults.set(key, given);
    };
    if (all && typeof all === 'object' && !Array.isArray(all)) {
      if (d === undefined || !lacksDefaults(all as Record<string, unknown>, r.values?.tags, d)) return all as Record<string, unknown>;
      note('without');
    } else if (containsUnknown(unknown?.tags_all)) {
      note('after');
    }
    if (unknown?.tags === true) return new PlanUnknown(r.address, 'tags', 'tags is known only after apply: which keys it holds is not in the plan');
    const own: Record<string, unknown> = { ...r.values?.tags && typeof r.values.tags === 'object' ? r.values.tags as Record<string, unknown> : {} };
    if (unknown?.tags && typeof unknown.tags === 'object') {
      for (const [k, u] of Object.entries(unknown.tags)) if (u === true) own[k] = new PlanUnknown(r.address, `tags.${k}`, `tags.${k} is known only after apply and the configuration does not say from what`);
    }
    return { ...knownDefaults(d), ...own };
  }

  /**
   * The default tags of a provider configuration (`configuration.provider_config[key].expressions.default_tags`): each
   * block's `tags` expression a constant map (a JSON configuration's with its interpolations as text, read as a synthesized
   * configuration's are: `defaultTagsOf`), or one the plan records only as its references (an input variable, a local),
   * which may hold any label.
   */
  private providerDefaults(key: string): DefaultTags {
    const known = this.defaults.get(key);
    if (known !== undefined) return known;
    const expressions = this.plan.configuration?.provider_config?.[key]?.expressions;
    const list = expressions?.default_tags;
    const blocks = (Array.isArray(list) ? list : list === undefined || list === null ? [] : [list]).map((block: any) => {
      const e = block?.tags;
      if (e === undefined || e === null) return {};
      if (isLeaf(e) && e.constant_value !== undefined && e.constant_value !== null && typeof e.constant_value === 'object') return { tags: e.constant_value };
      const refs = isLeaf(e) ? [...new Set(e.references ?? [])] : [];
      const longest = refs.filter((r) => !refs.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))));
      return { tags: `\${${longest.length > 0 ? longest.join(', ') : 'an expression'}}` };
    });
    const d = defaultTagsOf({ default_tags: blocks });
    this.defaults.set(key, d);
    return d;
  }

  /**
   * The provider configurations whose default tags may hold a label the guard cannot read, given to a resource whose
   * tags_all is known only after apply: one finding each, at the provider configuration (`provider.aws.<alias>`, in a
   * module `module.<call>.provider.aws`). Known tags_all are what the provider applies: nothing to report for them.
   */
  public unreadDefaultTags(): { node: string; property: string; reason: string }[] {
    return [...this.unreadDefaults].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, resources]) => {
      const d = this.defaults.get(key)!;
      const colon = key.lastIndexOf(':');
      const node = colon < 0 ? `provider.${key}` : `${key.slice(0, colon)}.provider.${key.slice(colon + 1)}`;
      const reference = colon < 0 ? key : key.slice(colon + 1);
      return { node, property: d.unread[0].property, reason: defaultTagsReason(d.unread.map((u) => expressionText(u.value)), reference, resources) };
    });
  }

  /**
   * A planned value with what is known after apply filled in from the configuration: `unknown` is the matching part of
   * `after_unknown`, `expression` the configuration's expression (or block of expressions) for the same argument.
   * Nulls (unset arguments) are dropped, as a synthesized configuration omits them.
   */
  private value(node: string, path: string, value: unknown, unknown: unknown, expression: unknown, scope: ModuleScope): unknown {
    const argument = path.split(/[.[]/).pop() ?? path;
    if (unknown === true) return this.unknownValue(node, path, argument, expression, scope);
    if (Array.isArray(value) || Array.isArray(unknown)) {
      const values = Array.isArray(value) ? value : [];
      const unknowns = Array.isArray(unknown) ? unknown : [];
      const n = Math.max(values.length, unknowns.length);
      if (!unknowns.some((u) => containsUnknown(u))) return withoutNulls(values);
      const objects = values.some((v) => v && typeof v === 'object') || unknowns.some((u) => u && typeof u === 'object');
      if (isLeaf(expression) && objects) {
        // Blocks written as one attribute (`route = [...]`, or a provider's attributes-as-blocks): one expression for them
        // all. Its values known after apply can be told only if the expression refers to one attribute of one resource.
        const one = this.unknownValue(node, path, argument, expression, scope);
        return values.map((v, i) => this.blockWithUnknowns(node, `${path}[${i}]`, withoutNulls(v), unknowns[i], one));
      }
      if (isLeaf(expression)) {
        // A list argument (`[aws_subnet.a.id, "subnet-0123"]`): the known elements, and the resources its expression references.
        const known = values.filter((v, i) => v !== null && !containsUnknown(unknowns[i]));
        const slots = unknowns.filter((u) => containsUnknown(u)).length;
        const resolved = this.unknownValue(node, path, argument, expression, scope, true, slots);
        return [...known, ...(Array.isArray(resolved) ? resolved : [resolved])];
      }
      const blocks = Array.isArray(expression) ? expression : undefined;
      const elements = Array.from({ length: n }, (_, i) => values[i] ?? {});
      const match = blocks ? matchBlocks(elements, unknowns, blocks) : undefined;
      if (!match) {
        const reason = blocks
          ? `the ${n} planned ${argument} blocks cannot be matched one to one with the ${blocks.length} written in the configuration (a dynamic block, or blocks the planned values do not tell apart)`
          : `${argument} is known only after apply and its configuration is not a list of blocks`;
        return elements.map((v, i) => this.blockWithUnknowns(node, `${path}[${i}]`, withoutNulls(v), unknowns[i], new PlanUnknown(node, path, reason)));
      }
      return elements.map((v, i) => this.value(node, `${path}[${i}]`, v, unknowns[i], blocks![match[i]], scope));
    }
    if (isLeaf(expression) && containsUnknown(unknown)) {
      // A map argument (`log_destination = { bucketName = aws_s3_bucket.logs.bucket }`): one expression for all its values.
      return this.blockWithUnknowns(node, path, withoutNulls(value), unknown, this.unknownValue(node, path, argument, expression, scope));
    }
    if (value && typeof value === 'object' || unknown && typeof unknown === 'object') {
      const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
      const u = (unknown && typeof unknown === 'object' ? unknown : {}) as Record<string, unknown>;
      const e = expression && typeof expression === 'object' && !Array.isArray(expression) && !isLeaf(expression) ? expression as Record<string, unknown> : undefined;
      const out: Record<string, unknown> = {};
      for (const key of [...new Set([...Object.keys(v), ...Object.keys(u)])].sort()) {
        // An argument known only after apply that the configuration does not set is computed by AWS (an id, an ARN): absent, as in cdk.tf.json.
        if (!(key in v) && (e?.[key] === undefined || !containsUnknown(u[key]))) continue;
        const x = this.value(node, path === '' ? key : `${path}.${key}`, v[key], u[key], e?.[key], scope);
        if (x !== null && x !== undefined) out[key] = x;
      }
      return out;
    }
    return withoutNulls(value);
  }

  /**
   * A block without an expression of its own: its known values, and `fill` (the one resource attribute the expression
   * of all the blocks refers to, or an unresolved value) for every value known after apply.
   */
  private blockWithUnknowns(node: string, path: string, value: unknown, unknown: unknown, fill: unknown): unknown {
    if (unknown === true) return fill instanceof PlanUnknown ? new PlanUnknown(node, path, fill.reason) : fill;
    if (!unknown || typeof unknown !== 'object') return value;
    if (Array.isArray(unknown)) {
      const values = Array.isArray(value) ? value : [];
      return unknown.map((u, i) => this.blockWithUnknowns(node, `${path}[${i}]`, values[i] ?? {}, u, fill));
    }
    const out: Record<string, unknown> = { ...(value && typeof value === 'object' ? value as Record<string, unknown> : {}) };
    for (const [k, u] of Object.entries(unknown as Record<string, unknown>)) {
      if (containsUnknown(u)) out[k] = this.blockWithUnknowns(node, `${path}.${k}`, out[k] ?? {}, u, fill);
    }
    return out;
  }

  /** A value known only after apply: the resource instance(s) its configuration expression names, else unresolved. */
  private unknownValue(node: string, path: string, argument: string, expression: unknown, scope: ModuleScope, forceList = false, slots = 1): unknown {
    const list = forceList || LIST_ARGUMENTS.has(argument);
    if (!isLeaf(expression) || !expression.references) {
      return new PlanUnknown(node, path, `${argument} is known only after apply and the configuration does not say from what`);
    }
    const text = expression.constant_value;
    // A JSON configuration writes a map or list as its text, interpolations and all: read it element by element.
    if (!list && text && typeof text === 'object') return this.jsonValue(node, path, argument, text, scope);
    // Text around the interpolations: a JSON configuration's template, whose text matters (an endpoint policy).
    if (!list && typeof text === 'string' && text.includes('${') && !/^\$\{[^}]*\}$/.test(text)) return this.template(node, path, argument, text, scope);
    const r = this.resolve(expression.references, scope, 0);
    if (!r.ok) return new PlanUnknown(node, path, `${argument} is known only after apply: ${r.reason}`);
    if (list) {
      // More resources than the list has places for values known after apply: the expression picks among them (a
      // conditional, a function), and the plan does not say which. Reading more resources into a list is an
      // over-approximation the rules absorb (more subnets, groups, tables, blocks: more reach), except for a list that
      // narrows: a NACL's subnet_ids would seem to cover a subnet it does not (which keeps the VPC's default NACL), so it
      // stays unresolved (fail closed). The instances of one resource too: a splat (`aws_subnet.this[*].id`) and a
      // function of it (`slice(aws_subnet.this[*].id, 0, 1)`, a `for` with `if`) record the same references, and a set
      // is unknown as a whole (terraform 1.11 writes `after_unknown.subnet_ids = true` for either).
      const distinct = new Set(r.refs.map(String));
      if (distinct.size > slots && NARROWING_LISTS.has(`${resourceType(node)}.${argument}`)) {
        return new PlanUnknown(node, path, `${argument} holds ${slots} value${slots === 1 ? '' : 's'} known only after apply, but its expression refers to `
          + `${distinct.size} resources (${[...distinct].join(', ')}): which of them it holds depends on an expression the plan does not record `
          + '(a set is unknown as a whole, and a splat looks like a function of it); associate each subnet with its own aws_network_acl_association');
      }
      return r.refs;
    }
    if (r.refs.length === 1) return r.refs[0];
    return new PlanUnknown(node, path, `${argument} is known only after apply and its expression refers to ${r.refs.length === 0 ? 'no resource' : `several (${r.refs.map(String).join(', ')})`}`);
  }

  /** A JSON configuration's value: its strings with interpolations resolved, one by one. */
  private jsonValue(node: string, path: string, argument: string, value: unknown, scope: ModuleScope): unknown {
    if (Array.isArray(value)) return value.map((v, i) => this.jsonValue(node, `${path}[${i}]`, argument, v, scope));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.jsonValue(node, `${path}.${k}`, argument, v, scope)]));
    }
    if (typeof value !== 'string' || !value.includes('${')) return value;
    const single = /^\$\{([^}]*)\}$/.exec(value);
    if (!single) return this.template(node, path, argument, value, scope);
    const r = this.resolve([single[1].trim()], scope, 0);
    if (r.ok && r.refs.length === 1) return r.refs[0];
    return new PlanUnknown(node, path, `${argument} is known only after apply: ${r.ok ? `${value} does not name one resource` : r.reason}`);
  }

  /**
   * A JSON configuration's template (`"{\"aws:PrincipalAccount\":\"${aws_ec2_transit_gateway.x.owner_id}\"}"`): each
   * interpolation must be one attribute of one resource instance, and is rewritten with the instance's address. An
   * account (a caller identity's `account_id`, a transit gateway's `owner_id`) is noted with the provider configuration
   * that reads or makes it (`PlanTemplate.accounts`): only the endpoint's own configuration's is its account (MN-5).
   */
  private template(node: string, path: string, argument: string, text: string, scope: ModuleScope): unknown {
    let problem: string | undefined;
    const accounts = new Map<string, string>();
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, expr: string) => {
      // The partition, region and account the configuration is deployed to: rendered as {partition}, {region}, {accountid}.
      const data = /^\s*data\.(aws_partition|aws_region|aws_caller_identity)\.([\w-]+)\.([a-z_]+)\s*$/.exec(expr);
      if (data) {
        const key = scope.config?.resources?.find((c) => c.mode === 'data' && c.type === data[1] && c.name === data[2])?.provider_config_key;
        const written = `data.${data[1]}.${data[2]}.${data[3]}`;
        if (data[1] === 'aws_caller_identity' && data[3] === 'account_id' && key !== undefined) accounts.set(written, key);
        return `\${${written}}`;
      }
      const r = /^\s*[A-Za-z][\w.\-[\]"]*\s*$/.test(expr) ? this.resolve([expr.trim()], scope, 0) : undefined;
      if (!r?.ok || r.refs.length !== 1 || r.refs[0].attribute === undefined) {
        problem ??= `${whole} in the template is not one attribute of one resource${r && !r.ok ? ` (${r.reason})` : ''}`;
        return whole;
      }
      const [ref] = r.refs;
      const key = this.configs.get(ref.address)?.provider_config_key;
      if (ref.type === 'aws_ec2_transit_gateway' && ref.attribute === 'owner_id' && key !== undefined) accounts.set(`${ref.address}.owner_id`, key);
      return `\${${ref.address}.${ref.attribute}}`;
    });
    return problem ? new PlanUnknown(node, path, `${argument} is known only after apply: ${problem}`) : new PlanTemplate(out, accounts);
  }

  /**
   * The resource instances a configuration expression's references name, in a module instance. Terraform lists every
   * traversal and its prefixes (`aws_subnet.a[0].id`, `aws_subnet.a[0]`, `aws_subnet.a`): only the longest count.
   */
  private resolve(references: readonly string[], scope: ModuleScope, depth: number): Resolution {
    if (depth > MAX_DEPTH) return { ok: false, reason: 'module outputs and variables refer to each other too deeply' };
    const longest = [...new Set(references)].filter((r) => !references.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))));
    const out: PlanReference[] = [];
    for (const reference of longest) {
      const one = this.resolveOne(reference, scope, depth);
      if (!one.ok) return one;
      for (const ref of one.refs) if (!out.some((o) => o.address === ref.address && o.attribute === ref.attribute)) out.push(ref);
    }
    return { ok: true, refs: out };
  }

  private resolveOne(reference: string, scope: ModuleScope, depth: number): Resolution {
    const head = reference.split(/[.[]/)[0];
    switch (head) {
      case 'var': {
        // A module's input variable is the calling module's expression for it; the root module's are known at plan time.
        const name = /^var\.([A-Za-z0-9_-]+)/.exec(reference)?.[1];
        const call = scope.parent ? scope.parent.scope.config?.module_calls?.[scope.parent.call] : undefined;
        const e = name !== undefined ? call?.expressions?.[name] : undefined;
        if (!scope.parent || !e?.references) return { ok: false, reason: `${reference} is an input variable whose value the plan does not tie to a resource` };
        if (reference !== `var.${name}`) return { ok: false, reason: `${reference} is a part of an input variable (an element or attribute the guard does not pick out)` };
        return this.resolve(e.references, scope.parent.scope, depth + 1);
      }
      case 'module': {
        const m = /^module\.([A-Za-z0-9_-]+)((?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?)\.([A-Za-z0-9_-]+)$/.exec(reference);
        const call = m ? scope.config?.module_calls?.[m[1]] : undefined;
        if (!m || !call) return { ok: false, reason: `${reference} is not one output of a module call the guard can follow (an element or attribute of an output, or a whole module)` };
        const many = call.count_expression !== undefined || call.for_each_expression !== undefined;
        if (many !== (m[2] !== '')) {
          return { ok: false, reason: `${reference} ${many ? 'does not name one instance of a module called with count / for_each' : 'indexes a module called once'}` };
        }
        const output = call.module?.outputs?.[m[3]]?.expression;
        if (!output?.references) return { ok: false, reason: `output ${m[3]} of module ${m[1]} is not computed from resources` };
        const child: ModuleScope = { prefix: `${scope.prefix}module.${m[1]}${m[2]}.`, config: call.module, parent: { scope, call: m[1] } };
        return this.resolve(output.references, child, depth + 1);
      }
      case 'data':
        return { ok: false, reason: `${reference} is a data source's value known only after apply: what it names is outside the plan` };
      case 'local':
        return { ok: false, reason: `${reference} is a local value, which the plan's configuration does not record` };
      case 'count':
      case 'each':
        return { ok: false, reason: `${reference} differs between the instances of a count / for_each resource; the guard does not evaluate the expression around it` };
      default: {
        const m = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?)(?:\.([A-Za-z0-9_]+))?/.exec(reference);
        if (!m || head === 'path' || head === 'terraform' || head === 'self') return { ok: false, reason: `${reference} does not name a resource` };
        const config = scope.config?.resources?.find((c) => c.mode === 'managed' && c.type === m[1] && c.name === m[2]);
        const many = config?.count_expression !== undefined || config?.for_each_expression !== undefined;
        if (config && many && m[3] === '') {
          return { ok: false, reason: `${reference} does not name one instance of ${m[1]}.${m[2]}, which has count / for_each (write the index, e.g. ${m[1]}.${m[2]}[0])` };
        }
        const address = `${scope.prefix}${m[1]}.${m[2]}${m[3]}`;
        if (!this.planned.has(address)) return { ok: false, reason: `${address} is not a resource of the plan` };
        if (m[4] === undefined && reference.length > m[0].length) return { ok: false, reason: `${reference} is a part of a resource the guard does not pick out` };
        // An attribute of a nested block (`vpc_config[0].subnet_ids`) is that attribute, not the block nor its resource: what
        // AWS creates with the resource (an EKS cluster's security group, `implicitAttribute`), else a value the readers
        // follow no further (`wholeReference`; the builder reads it as unresolved, GUARD-1).
        const nested = m[4] !== undefined && reference.length > m[0].length ? `${m[4]}${reference.slice(m[0].length)}` : undefined;
        return { ok: true, refs: [new PlanReference(address, m[1], nested ?? m[4])] };
      }
    }
  }
}

/**
 * Whether a known value is an id AWS gives a resource (`vpc-0123456789abcdef0`, `tgw-attach-…`, `rslvr-out-…`: a prefix,
 * then 8 or 17 hex digits) or an ARN: unique, so that a plan's value equal to a planned resource's id or ARN names that
 * resource. A name (a bucket's or a log group's id) may be any text, and another argument may hold the same text
 * without naming it: not read so.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html
 */
function deployedId(v: unknown): v is string {
  return typeof v === 'string' && (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(v) || /^arn:[a-z0-9-]+:[a-z0-9-]+:/.test(v));
}

/**
 * Resource types whose `arn` is an argument naming another resource (an EventBridge target's target, the topic a topic
 * policy is for), not their own ARN: the AWS provider 5.100 schema (`terraform providers schema -json`), where every other
 * resource's `arn` is computed.
 */
const ARN_ARGUMENTS: ReadonlySet<string> = new Set([
  'aws_cloudwatch_event_target', 'aws_lakeformation_resource', 'aws_notifications_channel_association', 'aws_sns_topic_data_protection_policy', 'aws_sns_topic_policy',
]);

/** The value at an attribute path of planned values (`vpc_config[0].cluster_security_group_id`), or undefined. */
function valueAt(values: unknown, path: string): unknown {
  return (path.match(/[^.[\]]+/g) ?? []).reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), values);
}

/** The endpoint ids of a firewall's known `firewall_status` (`[0].sync_states[*].attachment[0].endpoint_id`). */
function firewallEndpointIds(status: unknown): unknown[] {
  const first = Array.isArray(status) ? status[0] as Record<string, unknown> | undefined : undefined;
  const states = Array.isArray(first?.sync_states) ? first.sync_states : [];
  return states.flatMap((state: any) => (Array.isArray(state?.attachment) ? state.attachment.map((a: any) => a?.endpoint_id) : []));
}

/**
 * In a planned resource's body: each value that is a deployed resource's id or ARN (`deployedIds`), as the reference to
 * that resource a plan of a new deployment holds there — but its own id and ARN and its tags (a label is text, even when
 * it spells an id).
 */
function namedByIds(body: Record<string, unknown>, deployed: ReadonlyMap<string, PlanReference | undefined>, self: string): void {
  if (deployed.size === 0) return;
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const ref = deployed.get(v);
      return ref !== undefined && ref.address !== self ? ref : v;
    }
    if (Array.isArray(v)) return v.map(swap);
    // Markers (a reference, a value known after apply, a template) and other class instances are what they are.
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    }
    return v;
  };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'id' || key === 'arn' || key === 'tags' || key === 'tags_all') continue;
    body[key] = swap(value);
  }
}

/** An expression (`constant_value` / `references`), not a block of expressions. */
function isLeaf(e: unknown): e is TerraformPlanExpression {
  return !!e && typeof e === 'object' && !Array.isArray(e) && Object.keys(e).length > 0 && Object.keys(e).every((k) => k === 'constant_value' || k === 'references');
}

/** A known value without its nulls (unset arguments), as a synthesized configuration writes it. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(withoutNulls);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}

function containsUnknown(u: unknown): boolean {
  if (u === true) return true;
  if (Array.isArray(u)) return u.some(containsUnknown);
  if (u && typeof u === 'object') return Object.values(u).some(containsUnknown);
  return false;
}

/**
 * Pair the planned elements of a nested block argument with the blocks of the configuration. Nested blocks may be sets,
 * whose planned order is not the written one: an element pairs with a block whose constants agree with its known values,
 * and the pairing must be the only one up to elements that look alike and blocks that are written alike. Else undefined.
 */
function matchBlocks(elements: readonly unknown[], unknowns: readonly unknown[], blocks: readonly unknown[]): number[] | undefined {
  if (elements.length !== blocks.length) return undefined;
  const n = elements.length;
  const elementKey = elements.map((e, i) => JSON.stringify([e, unknowns[i] ?? null]));
  const blockKey = blocks.map((b) => JSON.stringify(b));
  const fits = elements.map((e, i) => blocks.map((b) => agrees(e, unknowns[i], b)));
  const results = new Set<string>();
  let first: number[] | undefined;
  let steps = 0;
  const used = new Array<boolean>(n).fill(false);
  const pick: number[] = [];
  const search = (i: number): boolean => {
    if (++steps > 100_000) return false;
    if (i === n) {
      results.add(pick.map((j, k) => `${elementKey[k]}→${blockKey[j]}`).sort().join('\n'));
      first ??= [...pick];
      return results.size < 2;
    }
    for (let j = 0; j < n; j++) {
      if (used[j] || !fits[i][j]) continue;
      used[j] = true;
      pick.push(j);
      const go = search(i + 1);
      pick.pop();
      used[j] = false;
      if (!go) return false;
    }
    return true;
  };
  const finished = search(0);
  return finished && results.size === 1 ? first : undefined;
}

/** A value as text, lists in any order (a set argument is planned in its own order, not the written one). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Whether a configuration block's constants agree with a planned element's known values. */
function agrees(element: unknown, unknown: unknown, block: unknown): boolean {
  if (!block || typeof block !== 'object' || Array.isArray(block)) return false;
  const e = (element && typeof element === 'object' ? element : {}) as Record<string, unknown>;
  const u = (unknown && typeof unknown === 'object' ? unknown : {}) as Record<string, unknown>;
  for (const [key, expr] of Object.entries(block as Record<string, unknown>)) {
    if (containsUnknown(u[key])) continue;
    if (isLeaf(expr)) {
      // An expression with references is evaluated by Terraform (a JSON configuration writes it as "${…}" text too).
      if (!('constant_value' in expr) || expr.constant_value === null || (expr.references ?? []).length > 0) continue;
      if (canonical(expr.constant_value) !== canonical(e[key])) return false;
    } else if (Array.isArray(expr)) {
      if (!Array.isArray(e[key]) || (e[key] as unknown[]).length !== expr.length) return false;
    }
  }
  return true;
}
