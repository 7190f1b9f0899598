// The X-Forwarded-* headers the dashboard's server sends the API on a browser's behalf. The
// API's login throttle counts failures per client address and learns that address from
// X-Forwarded-For, which it trusts from the dashboard only. So the value must be the address
// of the socket the request came in on, never anything the browser wrote itself:
// server/client-address.cjs (preloaded into the Next process) replaces every incoming
// X-Forwarded-* header with what the connection says, and marks the process as doing so.
// Here those values are set, not appended, on the request to the API; in a process without
// that preload (a bare `next start`) no address is sent at all, so the API sees the
// dashboard's own address: one shared bucket, but never one a client can choose.

const STAMPED = Symbol.for("ambient-studio.client-address");

/** Headers a client could use to claim another address; none of them reaches the API as sent. */
const CLIENT_CLAIMS = ["forwarded", "x-real-ip", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

function stamped(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

/** The X-Forwarded-* headers for a call to the API made while serving `incoming`. */
export function forwardedHeaders(incoming: Headers, url?: string): Record<string, string> {
  const out: Record<string, string> = {};
  // One value: the socket's peer as stamped (a list would mean someone else wrote it).
  const address = stamped() ? incoming.get("x-forwarded-for")?.trim() : undefined;
  if (address && !address.includes(",")) out["x-forwarded-for"] = address;
  const proto = stamped() ? incoming.get("x-forwarded-proto") : null;
  out["x-forwarded-proto"] = proto === "https" || (!proto && url?.startsWith("https:")) ? "https" : "http";
  const host = incoming.get("host");
  if (host) out["x-forwarded-host"] = host;
  return out;
}

/** Replace, on `target`, whatever forwarding headers it carries with forwardedHeaders(incoming). */
export function setForwarded(target: Headers, incoming: Headers, url?: string): Headers {
  for (const name of CLIENT_CLAIMS) target.delete(name);
  for (const [name, value] of Object.entries(forwardedHeaders(incoming, url))) target.set(name, value);
  return target;
}
