import { TerraformStack, Testing } from 'cdktf';
import { buildTfExample } from '../../examples/tf/_app';

/** A synthesized Terraform configuration: the JSON text (for the cdktf matchers), the parsed object and the stack. */
export interface Synthesized {
  readonly json: string;
  readonly config: any;
  readonly stack: TerraformStack;
}

const cache = new Map<string, Synthesized>();

/** The synthesized configuration of a reference deployment (examples/tf), synthesized once per test file. */
export function exampleConfig(name: string): Synthesized {
  let s = cache.get(name);
  if (!s) {
    const { stack } = buildTfExample(name, Testing.app());
    const json = Testing.synth(stack);
    s = { json, config: JSON.parse(json), stack };
    cache.set(name, s);
  }
  return s;
}

type Resources = Record<string, any>;

/** The resources of one Terraform type, by name. */
export function resourcesOf(config: any, type: string): Resources {
  return config.resource?.[type] ?? {};
}

/** The resources of a type whose tags say they belong to `segment`, by name. */
export function resourcesTagged(config: any, type: string, segment: string): Resources {
  return Object.fromEntries(Object.entries(resourcesOf(config, type)).filter(([, r]) => r.tags?.['jichitai:segment'] === segment));
}

/** The resource name an interpolation such as `${aws_vpc.Network_MyNumber_Vpc_1234.id}` points at, checked against `type`. */
export function refName(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(`\\$\\{(?:tolist\\()?${type}\\.([A-Za-z0-9_-]+)\\.`).exec(value);
  return m?.[1];
}

/** The route tables (names) of a segment, and their routes (aws_route). */
export function routesOfSegment(config: any, segment: string): { table: string; route: any }[] {
  const tables = Object.keys(resourcesTagged(config, 'aws_route_table', segment));
  return Object.values(resourcesOf(config, 'aws_route'))
    .map((route) => ({ table: refName(route.route_table_id, 'aws_route_table')!, route }))
    .filter(({ table }) => tables.includes(table));
}

/** Subnets of a segment (by name), optionally of one role. */
export function subnetsOf(config: any, segment: string, role?: string): Resources {
  return Object.fromEntries(Object.entries(resourcesTagged(config, 'aws_subnet', segment))
    .filter(([, s]) => role === undefined || s.tags['jichitai:subnet-role'] === role));
}
