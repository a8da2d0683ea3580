/**
 * A Terraform plan JSON written by hand (`terraform show -json`, format 1.2), for unit tests of the plan reader that
 * need no terraform binary: every managed resource is created; data sources are read only.
 */

/** A resource of the plan: its address (`data.…` for a data source), planned values, what is unknown, its expressions. */
export interface PlannedResource {
  readonly address: string;
  readonly mode?: string;
  readonly values: unknown;
  readonly unknown?: unknown;
  readonly expressions?: unknown;
}

/** The plan creating `resources`, with the aws provider's configuration expressions (`provider`: region by default). */
export function handPlan(resources: readonly PlannedResource[], provider: Record<string, unknown> = { region: { constant_value: 'ap-northeast-1' } }):
Record<string, unknown> {
  const mode = (r: PlannedResource) => r.mode ?? (r.address.startsWith('data.') ? 'data' : 'managed');
  const parts = (address: string) => {
    const [type, name] = address.replace(/^data\./, '').split('.');
    return { type, name };
  };
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      root_module: { resources: resources.map((r) => ({ address: r.address, mode: mode(r), ...parts(r.address), values: r.values })) },
    },
    resource_changes: resources.filter((r) => mode(r) !== 'data').map((r) => ({
      address: r.address, mode: 'managed', ...parts(r.address), change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown ?? {} },
    })),
    configuration: {
      provider_config: { aws: { name: 'aws', expressions: provider } },
      root_module: { resources: resources.map((r) => ({ address: r.address, mode: mode(r), ...parts(r.address), provider_config_key: 'aws', expressions: r.expressions ?? {} })) },
    },
  };
}
