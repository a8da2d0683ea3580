/** Transport protocol of a port range. */
export enum Protocol {
  /** TCP. */
  TCP = 'tcp',
  /** UDP. */
  UDP = 'udp',
}

/**
 * A protocol and an inclusive port range. Use the static factories.
 */
export class Port {
  /** HTTPS (TCP 443), the only port α′ allows to cloud services without a reason (AP-5). */
  public static readonly HTTPS: Port = new Port(Protocol.TCP, 443, 443);

  /** One TCP port. */
  public static tcp(port: number): Port {
    return new Port(Protocol.TCP, port, port);
  }

  /** An inclusive TCP port range. */
  public static tcpRange(fromPort: number, toPort: number): Port {
    return new Port(Protocol.TCP, fromPort, toPort);
  }

  /** One UDP port. */
  public static udp(port: number): Port {
    return new Port(Protocol.UDP, port, port);
  }

  /** An inclusive UDP port range. */
  public static udpRange(fromPort: number, toPort: number): Port {
    return new Port(Protocol.UDP, fromPort, toPort);
  }

  private constructor(
    /** The protocol. */
    public readonly protocol: Protocol,
    /** First port, inclusive. */
    public readonly fromPort: number,
    /** Last port, inclusive. */
    public readonly toPort: number,
  ) {}

  /** Problems with this port, empty if it is valid. */
  public problems(): string[] {
    const out: string[] = [];
    for (const [name, value] of [['fromPort', this.fromPort], ['toPort', this.toPort]] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 65535) {
        out.push(`${name} ${value} is not a port number (1-65535)`);
      }
    }
    if (out.length === 0 && this.fromPort > this.toPort) {
      out.push(`fromPort ${this.fromPort} is greater than toPort ${this.toPort}`);
    }
    return out;
  }

  /** `tcp/443` or `udp/3478-3481`. */
  public toString(): string {
    return this.fromPort === this.toPort
      ? `${this.protocol}/${this.fromPort}`
      : `${this.protocol}/${this.fromPort}-${this.toPort}`;
  }
}
