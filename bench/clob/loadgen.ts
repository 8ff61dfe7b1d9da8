/**
 * A lean HTTP/1.1 keep-alive load generator over `net`: one request in flight per connection (no
 * pipelining, so every latency is a real round trip), each request written as one buffer, and of
 * the answer only the status line, Content-Length and the body are read. node:http's Agent costs
 * the load generator ~144 µs per order in parsing, header objects and streams; on a 2-core machine
 * that CPU is taken from the operator under test.
 *
 * It speaks only what the operator answers: `Content-Length` bodies on a kept-alive connection. A
 * chunked or `Connection: close` answer, or a malformed one, fails the request with a clear error
 * instead of being half-understood.
 */
import net from "node:net";

export interface LeanResponse {
  readonly status: number;
  readonly body: Buffer;
}

const CRLFCRLF = Buffer.from("\r\n\r\n");
/** A header block larger than this without its end is not an answer from the operator. */
const MAX_HEAD_BYTES = 64 * 1024;

export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

/**
 * Incremental parser of HTTP/1.1 responses: `push` a chunk as it arrives from the socket, get
 * back the responses it completed (none, one or several); bytes of a response not yet complete
 * are kept for the next chunk.
 */
export class ResponseParser {
  private pending: Buffer = Buffer.alloc(0);
  private status = 0;
  /** Body length of the response whose head has been read; -1 while reading a head. */
  private bodyLength = -1;

  push(chunk: Buffer): LeanResponse[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const done: LeanResponse[] = [];
    for (;;) {
      if (this.bodyLength < 0) {
        const end = this.pending.indexOf(CRLFCRLF);
        if (end < 0) {
          if (this.pending.length > MAX_HEAD_BYTES) {
            throw new ProtocolError(`response head longer than ${MAX_HEAD_BYTES} bytes`);
          }
          break;
        }
        this.readHead(this.pending.toString("latin1", 0, end));
        this.pending = this.pending.subarray(end + 4);
      }
      if (this.pending.length < this.bodyLength) break;
      done.push({ status: this.status, body: this.pending.subarray(0, this.bodyLength) });
      this.pending = this.pending.subarray(this.bodyLength);
      this.bodyLength = -1;
    }
    return done;
  }

  /** True when no partial response is buffered (a socket may close here without losing one). */
  get idle(): boolean {
    return this.bodyLength < 0 && this.pending.length === 0;
  }

  private readHead(head: string): void {
    const lineEnd = head.indexOf("\r\n");
    const statusLine = lineEnd < 0 ? head : head.slice(0, lineEnd);
    const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
    if (!match) throw new ProtocolError(`malformed status line: ${JSON.stringify(statusLine.slice(0, 80))}`);
    this.status = Number(match[1]);
    let length = -1;
    for (const line of lineEnd < 0 ? [] : head.slice(lineEnd + 2).split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon <= 0) throw new ProtocolError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "content-length") {
        if (!/^\d+$/.test(value)) throw new ProtocolError(`invalid Content-Length: ${JSON.stringify(value)}`);
        length = Number(value);
      } else if (name === "transfer-encoding") {
        throw new ProtocolError(`unsupported Transfer-Encoding: ${value} (only Content-Length bodies)`);
      } else if (name === "connection" && value.toLowerCase() === "close") {
        throw new ProtocolError("server answered with Connection: close (keep-alive connections only)");
      }
    }
    if (length < 0) throw new ProtocolError(`response ${this.status} without Content-Length`);
    this.bodyLength = length;
  }
}

interface Waiter {
  readonly payload: Buffer;
  resolve(response: LeanResponse): void;
  reject(error: Error): void;
}

/** One kept-alive connection carrying one request at a time. */
class Connection {
  private readonly socket: net.Socket;
  private readonly parser = new ResponseParser();
  private current: Waiter | undefined;
  private failed: Error | undefined;

  constructor(
    port: number,
    host: string,
    private readonly onIdle: (connection: Connection) => void,
    private readonly onGone: (connection: Connection) => void,
  ) {
    this.socket = net.connect({ port, host, noDelay: true });
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", () => this.fail(new Error("connection closed by the server")));
  }

  send(waiter: Waiter): void {
    if (this.failed) return waiter.reject(this.failed);
    this.current = waiter;
    this.socket.write(waiter.payload);
  }

  destroy(): void {
    this.fail(new Error("client closed"));
  }

  private onData(chunk: Buffer): void {
    let responses: LeanResponse[];
    try {
      responses = this.parser.push(chunk);
    } catch (error) {
      return this.fail(error as Error);
    }
    for (const response of responses) {
      const waiter = this.current;
      if (!waiter) return this.fail(new ProtocolError(`unsolicited response ${response.status}`));
      this.current = undefined;
      waiter.resolve(response);
    }
    if (responses.length > 0 && !this.current) this.onIdle(this);
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    this.socket.destroy();
    const waiter = this.current;
    this.current = undefined;
    waiter?.reject(error);
    this.onGone(this);
  }
}

/**
 * Up to `sockets` kept-alive connections; a request goes out on an idle one (or a new one while
 * fewer than `sockets` exist) and otherwise waits its turn. Same surface as harness.ts `Client`.
 */
export class LeanClient {
  private readonly host: string;
  private readonly port: number;
  private readonly hostHeader: string;
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly queue: Waiter[] = [];
  private closed = false;

  constructor(
    base: string,
    private readonly sockets: number,
  ) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.hostHeader = url.host;
  }

  /** The request as the bytes that go on the wire; build them ahead to keep the send loop lean. */
  prepare(method: string, route: string, body?: string): Buffer {
    if (body === undefined)
      return Buffer.from(`${method} ${route} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n\r\n`, "latin1");
    const head = `${method} ${route} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    return Buffer.from(head + body);
  }

  send(payload: Buffer): Promise<LeanResponse> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error("client closed"));
      const waiter: Waiter = { payload, resolve, reject };
      const connection = this.idle.pop() ?? (this.all.size < this.sockets ? this.open() : undefined);
      if (connection) connection.send(waiter);
      else this.queue.push(waiter);
    });
  }

  async request(method: string, route: string, body?: string): Promise<{ status: number; text: string }> {
    const response = await this.send(this.prepare(method, route, body));
    return { status: response.status, text: response.body.toString() };
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.reject(new Error("client closed"));
    for (const connection of [...this.all]) connection.destroy();
  }

  private open(): Connection {
    const connection = new Connection(
      this.port,
      this.host,
      (c) => {
        const waiter = this.queue.shift();
        if (waiter) c.send(waiter);
        else this.idle.push(c);
      },
      (c) => {
        this.all.delete(c);
        const at = this.idle.indexOf(c);
        if (at >= 0) this.idle.splice(at, 1);
        // Requests queued behind a lost connection go out on a fresh one.
        const waiter = this.closed ? undefined : this.queue.shift();
        if (waiter) this.open().send(waiter);
      },
    );
    this.all.add(connection);
    return connection;
  }
}
