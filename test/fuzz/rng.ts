/**
 * A small seeded random number generator for the blueprint fuzz (mulberry32: 32-bit state, fast, and the same sequence
 * in every Node version), with the choices the generator and the mutators make.
 */
/* eslint-disable no-bitwise -- mulberry32 is defined on 32-bit integer operations */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  public int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  public chance(p: number): boolean {
    return this.next() < p;
  }

  public pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** A random subset of `list` (order kept), of size between min and max. */
  public subset<T>(list: readonly T[], min = 0, max = list.length): T[] {
    const n = this.int(Math.min(min, list.length), Math.min(max, list.length));
    const idx = list.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, n).sort((a, b) => a - b).map((i) => list[i]);
  }

  /** A seed for a sub-generator, so that one case's choices do not shift the next case's. */
  public fork(): Rng {
    return new Rng(this.int(0, 0xffffffff));
  }
}
