import { NetworkPlan } from './network-plan';
import { planNetwork } from './plan';
import { Blueprint } from '../model/validate';

const cache = new WeakMap<Blueprint, NetworkPlan>();

/** The plan of a blueprint, computed once per Blueprint instance (planning is pure). */
export function planOf(blueprint: Blueprint): NetworkPlan {
  let plan = cache.get(blueprint);
  if (!plan) {
    plan = planNetwork(blueprint);
    cache.set(blueprint, plan);
  }
  return plan;
}
