/**
 * Alias learning's defences (issue 9 item 5). A click teaches a place phrase only when
 *  1. the clicked card was a result of that search — each card carries a token, an HMAC with the runtime
 *     secret over (search id, instructor id, position), which `logClick` verifies;
 *  2. the clicker is the client that ran the search (replaying someone's search id from elsewhere is not a vote);
 *  3. enough distinct clients voted: a client is a signed-in user, or for anonymous clicks the client's network
 *     (/24 for IPv4, /64 for IPv6), so rotating addresses inside one network counts once.
 * A client records at most MAX_CLICKS_PER_SEARCH clicks per search; more are ignored.
 */

/** The floor under `location.learnAfterClicks`: however the config is set, one or two clients never teach. */
export const MIN_LEARNING_CLIENTS = 3;
/** Clicks one client may record on one search (analytics stay meaningful; a script can't flood the table). */
export const MAX_CLICKS_PER_SEARCH = 20;

/** The network an address belongs to, for counting anonymous clients: a.b.c.0/24 or the first 64 bits of IPv6. */
export function networkOf(ip: string): string {
  const raw = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(raw)?.[1];
  const v4 = mapped ?? (/^\d+\.\d+\.\d+\.\d+$/.test(raw) ? raw : null);
  if (v4) return `${v4.split(".").slice(0, 3).join(".")}.0/24`;
  if (raw.includes(":")) {
    const [head = "", tail = ""] = raw.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = raw.includes("::")
      ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t]
      : h;
    return `${groups
      .slice(0, 4)
      .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
      .join(":")}::/64`;
  }
  return raw;
}

/** Who a request is, for learning: "u:<user id>" when signed in, else "n:<keyed hash of the network>". */
export function clientKeyOf(actor: { userId: string } | null, ip: string, hash: (value: string) => string): string {
  return actor ? `u:${actor.userId}` : `n:${hash(`net:${networkOf(ip)}`)}`;
}

/** What a card's click token signs. */
export function clickTokenPayload(searchId: string, instructorId: string, position: number): string {
  return `search-click:${searchId}:${instructorId}:${position}`;
}
