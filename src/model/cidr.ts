/**
 * IPv4 CIDR arithmetic on integers (never on strings), shared by validation and planning.
 * Kept dependency-free so that the model layer imports nothing engine-specific.
 */

/** A parsed IPv4 CIDR block. Immutable. */
export class Ipv4Cidr {
  /**
   * Parse `a.b.c.d/n`. Throws with a message naming the bad part; use `Ipv4Cidr.tryParse` to get `undefined` instead.
   */
  public static parse(text: string): Ipv4Cidr {
    const cidr = Ipv4Cidr.tryParse(text);
    if (!cidr) {
      throw new Error(`"${text}" is not an IPv4 CIDR block (expected a.b.c.d/n with the host bits zero, e.g. 10.0.0.0/16)`);
    }
    return cidr;
  }

  /** Parse `a.b.c.d/n`, or return `undefined` if it is malformed or has host bits set. */
  public static tryParse(text: string): Ipv4Cidr | undefined {
    if (typeof text !== 'string') return undefined;
    // The guard parses the same few hundred route and subnet CIDRs over and over (npm run bench); blocks are immutable.
    const known = PARSED.get(text);
    if (known !== undefined) return known ?? undefined;
    const cidr = parseUncached(text);
    if (PARSED.size >= 10_000) PARSED.clear(); // bounded in a long-running process
    PARSED.set(text, cidr ?? null);
    return cidr;
  }

  /** Build from a network address (as an unsigned 32-bit integer) and a prefix length. */
  public static of(network: number, prefixLength: number): Ipv4Cidr {
    return new Ipv4Cidr(network, prefixLength);
  }

  /** Dotted-quad form of an unsigned 32-bit address. */
  public static formatAddress(value: number): string {
    return [3, 2, 1, 0].map((i) => Math.floor(value / 256 ** i) % 256).join('.');
  }

  /** The network address as an unsigned 32-bit integer. */
  public readonly network: number;
  /** The prefix length, 0..32. */
  public readonly prefixLength: number;

  private constructor(address: number, prefixLength: number) {
    this.prefixLength = prefixLength;
    // Clear the host bits: integer arithmetic on 0..2^32-1 (JavaScript bitwise operators are signed 32-bit).
    const size = 2 ** (32 - prefixLength);
    this.network = address - (address % size);
  }

  /** Number of addresses in the block. */
  public get size(): number {
    return 2 ** (32 - this.prefixLength);
  }

  /** The last address in the block, as an unsigned 32-bit integer. */
  public get last(): number {
    return this.network + this.size - 1;
  }

  /** True if every address of `other` is in this block. */
  public contains(other: Ipv4Cidr): boolean {
    return other.prefixLength >= this.prefixLength && other.network >= this.network && other.last <= this.last;
  }

  /** True if the two blocks share at least one address. */
  public overlaps(other: Ipv4Cidr): boolean {
    return this.network <= other.last && other.network <= this.last;
  }

  /** The `index`-th block of the given prefix length inside this one. */
  public subnet(prefixLength: number, index: number): Ipv4Cidr {
    if (prefixLength < this.prefixLength || prefixLength > 32) {
      throw new Error(`cannot carve a /${prefixLength} out of ${this}`);
    }
    const count = 2 ** (prefixLength - this.prefixLength);
    if (index < 0 || index >= count) {
      throw new Error(`${this} holds ${count} blocks of /${prefixLength}; index ${index} is out of range`);
    }
    return new Ipv4Cidr(this.network + index * 2 ** (32 - prefixLength), prefixLength);
  }

  /** Dotted-quad text of the network address. */
  public get address(): string {
    return Ipv4Cidr.formatAddress(this.network);
  }

  /** `a.b.c.d/n`. */
  public toString(): string {
    return `${this.address}/${this.prefixLength}`;
  }
}

/**
 * Allocates consecutive, aligned blocks from a parent block, largest first, so that the result
 * depends only on the requested sizes and their order (deterministic, no gaps from misalignment).
 */
export class CidrAllocator {
  private next: number;

  constructor(private readonly parent: Ipv4Cidr) {
    this.next = parent.network;
  }

  /** Take the next aligned block of the given prefix length; throws if the parent is full. */
  public take(prefixLength: number): Ipv4Cidr {
    if (prefixLength < this.parent.prefixLength) {
      throw new Error(`a /${prefixLength} does not fit in ${this.parent}`);
    }
    const size = 2 ** (32 - prefixLength);
    const aligned = Math.ceil(this.next / size) * size;
    const block = Ipv4Cidr.of(aligned, prefixLength);
    if (block.last > this.parent.last) {
      throw new Error(`${this.parent} has no room left for another /${prefixLength}`);
    }
    this.next = block.last + 1;
    return block;
  }
}

/**
 * What is wrong with the spelling of an IPv4 CIDR block, or undefined if it is a block written canonically: four
 * decimal octets without leading zeros, a prefix length, the host bits zero, nothing else (no spaces). Every message
 * gives the canonical spelling when there is one. Blueprints accept canonical spellings only, because what the user
 * wrote is what every renderer writes out and what construct ids are derived from: `10.0.0.010/32` and `10.0.0.10/32`
 * would otherwise be two names for one block, and some tools (inet_aton) read `010` as octal 8.
 */
export function cidrSpellingProblem(text: unknown): string | undefined {
  return spellingProblem(text, true);
}

/** The same for one IPv4 address (`a.b.c.d`, no prefix length). */
export function ipv4AddressSpellingProblem(text: unknown): string | undefined {
  return spellingProblem(text, false);
}

/** Longest text worth parsing: `255.255.255.255/32` is 18 characters; anything much longer is not a block. */
const MAX_SPELLING = 64;

function spellingProblem(text: unknown, block: boolean): string | undefined {
  const kind = block ? 'an IPv4 CIDR block' : 'an IPv4 address';
  const form = block ? 'a.b.c.d/n, e.g. "10.0.0.0/16"' : 'a.b.c.d, e.g. "203.0.113.10"';
  if (typeof text !== 'string') return `is not ${kind} (not a string)`;
  if (text.length > MAX_SPELLING) return `is not ${kind} (${text.length} characters); write ${form}`;
  const shown = JSON.stringify(text);
  const m = (block ? /^\s*(\d+)\.(\d+)\.(\d+)\.(\d+)\s*\/\s*(\d+)\s*$/ : /^\s*(\d+)\.(\d+)\.(\d+)\.(\d+)\s*$/).exec(text);
  if (!m) {
    if (block && /^\s*\d+\.\d+\.\d+\.\d+\s*$/.test(text)) return `${shown} has no prefix length; write "${text.trim()}/32" for one address`;
    return `${shown} is not ${kind}; write ${form}`;
  }
  const octets = m.slice(1, 5).map(Number);
  const prefix = block ? Number(m[5]) : 32;
  if (octets.some((o) => o > 255)) return `${shown} has an octet above 255; write ${form}`;
  if (prefix > 32) return `${shown} has a prefix length above 32; write ${form}`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const canonical = block ? Ipv4Cidr.of(address, prefix).toString() : Ipv4Cidr.formatAddress(address);
  const written = block ? `${octets.join('.')}/${prefix}` : octets.join('.');
  if (block && Ipv4Cidr.of(address, prefix).network !== address) {
    return `${shown} has host bits set: the block is ${canonical}; write "${canonical}" for the block, or "${written.replace(/\/\d+$/, '/32')}" for the one address`;
  }
  if (/\s/.test(text)) return `${shown} contains spaces; write "${canonical}"`;
  if (m.slice(1, block ? 6 : 5).some((part) => part.length > 1 && part.startsWith('0'))) {
    return `${shown} has a leading zero, which some tools read as octal; write "${canonical}" (decimal)`;
  }
  return undefined;
}

/** Parsed blocks by text (see `Ipv4Cidr.tryParse`); `null` for text that is not a block. */
const PARSED = new Map<string, Ipv4Cidr | null>();

function parseUncached(text: string): Ipv4Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const cidr = Ipv4Cidr.of(address, prefix);
  // Host bits set (of() clears them): not a block.
  if (cidr.network !== address) return undefined;
  return cidr;
}
