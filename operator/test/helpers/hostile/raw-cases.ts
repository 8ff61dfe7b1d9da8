/** Malformed HTTP for raw sockets: lying or broken Content-Length, broken request lines, header floods. */
import type { HostileOrders, RawCase } from "./http-cases.js";

function lying(bytes: Buffer, mayStayUnanswered: boolean, note: string): RawCase {
  return { category: "lying-content-length", bytes, mayStayUnanswered, note };
}

export function rawRequests(o: HostileOrders, n: number, host: string): RawCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const body = JSON.stringify(o.signedBody().body);
    const path = rng.pick(["/order", "/orders", "/cancel-all", "/books"]);
    const method = path === "/cancel-all" ? "DELETE" : "POST";
    const head = (cl: string, extra = ""): string =>
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${cl}\r\n${extra}\r\n`;
    switch (i % 8) {
      case 0: // declares more than it sends, then half-closes
        return lying(
          Buffer.from(head(String(body.length + 1 + rng.int(10_000))) + body),
          true,
          "content-length larger than the body",
        );
      case 1: // declares less than it sends: the rest is a garbage second request
        return lying(
          Buffer.from(head(String(1 + rng.int(body.length - 1))) + body),
          false,
          "content-length smaller than the body",
        );
      case 2:
        return lying(
          Buffer.from(head(rng.pick(["-1", "abc", "1e3", "0x10", "99999999999999999999999"])) + body),
          false,
          "content-length not a decimal",
        );
      case 3: // two different content-lengths
        return lying(
          Buffer.from(head(String(body.length), `Content-Length: ${body.length + 5}\r\n`) + body),
          false,
          "duplicate content-length",
        );
      case 4: // content-length and chunked together (request smuggling shape)
        return lying(
          Buffer.from(head(String(body.length), "Transfer-Encoding: chunked\r\n") + body),
          false,
          "content-length with transfer-encoding",
        );
      case 5: // huge declared length, small body
        return lying(Buffer.from(head(String(1024 * 1024 * 1024)) + body), true, "1 GiB declared");
      case 6: // broken request line / header
        return lying(
          Buffer.from(
            rng.pick([
              `POST /order HTTP/9.9\r\nHost: ${host}\r\n\r\n`,
              `POST  /order\r\n\r\n`,
              `GET /book?token_id=1 HTTP/1.1\r\nHost: ${host}\r\nBad Header\r\n\r\n`,
              `\x00\x01\x02 / HTTP/1.1\r\n\r\n`,
              `GET / HTTP/1.1\r\nHost: ${host}\r\nX: ${"a".repeat(20_000)}\r\n\r\n`,
            ]),
            "latin1",
          ),
          false,
          "broken request line or header",
        );
      default: // chunked body with bad chunk sizes
        return lying(
          Buffer.from(
            `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${rng.pick(["zz", "-5", "ffffffffffffffff", "5"])}\r\n${body.slice(0, 20)}\r\n0\r\n\r\n`,
          ),
          true,
          "bad chunk size",
        );
    }
  });
}
