import { describe, expect, it } from "vitest";
import { createMemoryBus } from "~/server/realtime/bus";
import { userStream } from "~/server/realtime/user-stream";
import { ulidFloor } from "./retention-service";

const at = (iso: string, n: number) => ulidFloor(new Date(iso)).slice(0, 10) + String(n).padStart(16, "0");

describe("resuming after the retention purge", () => {
  const log = [at("2031-01-09T00:00:00Z", 1), at("2031-01-10T00:00:00Z", 2)];
  const open = (lastEventId: string) =>
    userStream<{ id: string }, never>({
      bus: createMemoryBus(),
      userId: "u1",
      lastEventId,
      head: async () => log.at(-1)!,
      since: async (cursor) => log.filter((id) => id > cursor).map((id) => ({ id, event: { id } })),
      oldestResumable: ulidFloor(new Date("2031-01-08T00:00:00Z")),
    });

  it("resumes a cursor inside the kept window", async () => {
    const s = open(log[0]!);
    expect((await s.next()).value).toMatchObject({ kind: "durable", id: log[1] });
    expect((await s.next()).value).toMatchObject({ kind: "ready", resumed: true });
    await s.return(undefined);
  });

  it("starts fresh (resumed: false) from a cursor older than the purge, rather than skipping what was purged", async () => {
    const s = open(at("2031-01-01T00:00:00Z", 9));
    expect((await s.next()).value).toEqual({ kind: "ready", id: log[1], resumed: false });
    await s.return(undefined);
  });

  it("ulidFloor sorts below every id minted at or after its instant", () => {
    expect(ulidFloor(new Date("2031-01-09T00:00:00Z")) < log[0]!).toBe(true);
    expect(ulidFloor(new Date("2031-01-09T00:00:00.001Z")) > log[0]!).toBe(true);
  });
});
