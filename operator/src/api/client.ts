/**
 * The client address a request is counted against (connection caps, the per-address rate
 * limit): the TCP peer. Forwarded-for headers are not trusted, as any client can set them; an
 * operator behind a reverse proxy limits per address at the proxy.
 */
import type { IncomingMessage } from "node:http";

const MAPPED_IPV4 = "::ffff:";

export function clientAddress(request: Pick<IncomingMessage, "socket">): string {
  const address = request.socket.remoteAddress ?? "unknown";
  return address.startsWith(MAPPED_IPV4) ? address.slice(MAPPED_IPV4.length) : address;
}
