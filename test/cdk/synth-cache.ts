import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildCdkExample } from '../../examples/cdk/_app';

const cache = new Map<string, { stack: Stack; template: Template }>();

/** A reference deployment's stack and its synthesized template, synthesized once per test file. */
export function exampleSynth(name: string): { stack: Stack; template: Template } {
  let s = cache.get(name);
  if (!s) {
    const { stack } = buildCdkExample(name);
    s = { stack, template: Template.fromStack(stack) };
    cache.set(name, s);
  }
  return s;
}

/** The synthesized template of a reference deployment, synthesized once per test file. */
export function exampleTemplate(name: string): Template {
  return exampleSynth(name).template;
}

type Resources = Record<string, { Type: string; Properties?: any; DependsOn?: unknown }>;

/** Logical IDs of the resources whose tags say they belong to `segment`. */
export function resourcesTagged(template: Template, type: string, segment: string): Resources {
  const all = template.findResources(type) as Resources;
  return Object.fromEntries(Object.entries(all).filter(([, r]) =>
    (r.Properties?.Tags ?? []).some((t: { Key: string; Value: string }) => t.Key === 'jichitai:segment' && t.Value === segment)));
}

/** The logical ID a `{ Ref }` or `{ Fn::GetAtt }` points at. */
export function refId(value: any): string | undefined {
  if (value && typeof value === 'object') {
    if ('Ref' in value) return value.Ref;
    if ('Fn::GetAtt' in value) return value['Fn::GetAtt'][0];
  }
  return undefined;
}

/** The route tables (logical IDs) of a segment, and their routes. */
export function routesOfSegment(template: Template, segment: string): { table: string; route: any }[] {
  const tables = Object.keys(resourcesTagged(template, 'AWS::EC2::RouteTable', segment));
  const routes = template.findResources('AWS::EC2::Route') as Resources;
  return Object.values(routes)
    .filter((r) => tables.includes(refId(r.Properties.RouteTableId)!))
    .map((r) => ({ table: refId(r.Properties.RouteTableId)!, route: r.Properties }));
}
