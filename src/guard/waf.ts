import { WafRule } from './graph';

/**
 * A WAFv2 rule as SC-3 judges it, from either engine's spelling (`ManagedRuleGroupStatement` / `managed_rule_group_statement`:
 * keys are compared without case and underscores; Terraform's single nested blocks may be one-element arrays).
 */
export function wafRule(rule: unknown): WafRule {
  const r = obj(rule);
  const statement = get(r, 'statement');
  const managedRuleGroups: string[] = [];
  let sqliMatch = false;
  let userGroup = false;
  // Whether every detection found applies to every request: one inside an AndStatement, or a managed group with a
  // scope-down statement, runs only on the requests the other condition selects.
  let everyRequest = true;
  // A SqliMatchStatement under a NotStatement matches what is NOT an injection, and a scope-down statement only narrows
  // which requests a managed group sees: neither detects SQL injection.
  const walk = (v: unknown, narrowed: boolean): void => {
    if (Array.isArray(v)) { v.forEach((x) => walk(x, narrowed)); return; }
    const o = obj(v);
    for (const [key, value] of Object.entries(o)) {
      const k = norm(key);
      if (k === 'notstatement' || k === 'scopedownstatement') continue;
      if (k === 'rulegroupreferencestatement') userGroup = true;
      if (k === 'sqlimatchstatement') {
        sqliMatch = true;
        if (narrowed) everyRequest = false;
      }
      let inner = narrowed || k === 'andstatement';
      if (k === 'managedrulegroupstatement') {
        const m = obj(one(value));
        const vendor = get(m, 'vendorname');
        const name = get(m, 'name');
        if (vendor === 'AWS' && typeof name === 'string') managedRuleGroups.push(name);
        if (narrowed || has(m, 'scopedownstatement')) everyRequest = false;
        inner = inner || has(m, 'scopedownstatement');
      }
      if (value && typeof value === 'object') walk(value, inner);
    }
  };
  walk(statement, false);
  const managed = obj(get(statement, 'managedrulegroupstatement'));
  const overrides = [...list(get(managed, 'ruleactionoverrides')), ...list(get(managed, 'ruleactionoverride')), ...list(get(managed, 'excludedrules')), ...list(get(managed, 'excludedrule'))];
  const override = get(r, 'overrideaction');
  const action = get(r, 'action');
  // A managed group blocks with its own actions only under a `None` override and no rule of it overridden (to Count).
  const blocks = Object.keys(managed).length > 0
    ? (override === undefined || has(override, 'none')) && !has(override, 'count') && overrides.length === 0
    : has(action, 'block');
  const priority = Number(get(r, 'priority'));
  return {
    name: String(get(r, 'name') ?? ''),
    managedRuleGroups,
    sqliMatch,
    blocks,
    everyRequest,
    mayAllow: has(action, 'allow') || userGroup,
    ...(Number.isFinite(priority) && get(r, 'priority') !== undefined ? { priority } : {}),
  };
}

const norm = (key: string) => key.replace(/_/g, '').toLowerCase();

function obj(v: unknown): Record<string, unknown> {
  const x = one(v);
  return x && typeof x === 'object' && !Array.isArray(x) ? x as Record<string, unknown> : {};
}

function one(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function get(o: unknown, key: string): unknown {
  const x = obj(o);
  for (const [k, v] of Object.entries(x)) if (norm(k) === key) return one(v);
  return undefined;
}

function has(o: unknown, key: string): boolean {
  return get(o, key) !== undefined;
}
