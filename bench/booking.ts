/**
 * bench/booking — booking.create over HTTP against `next start` (needs `next build`): throughput and p50/p95
 * at 20 and 50 concurrent requests for distinct free slots, and the 100-way conflict (100 students, one slot:
 * exactly one must win) timed over HTTP. Prints figures and writes bench/results/booking.json.
 */
import { rmSync } from "node:fs";
import { and, eq, like } from "drizzle-orm";
import { createRuntime } from "~/server/runtime";
import { instructorProfiles, instructorServices, users } from "~/server/db/schema";
import { DEMO_PASSWORD, seedDatabase } from "~/server/db/seed/seed";
import { loadTest, writeReport } from "./stats";
import { signIn, startServer, trpcMutation, type Session } from "./http-client";

const dir = ".data/bench-booking";
rmSync(dir, { recursive: true, force: true });
const rt = await createRuntime({ pgliteDir: dir, migrate: true });
await seedDatabase(rt.dbh.db, rt.hasher, rt.secret, {});
const services = rt.services;

// Free 60-minute slots, two hours apart per instructor (so none of them overlap each other).
const rows = await rt.dbh.db
  .select({
    serviceId: instructorServices.id,
    durations: instructorServices.durations,
    instructorId: instructorServices.instructorId,
    locationTypes: instructorServices.locationTypes,
  })
  .from(instructorServices)
  .innerJoin(instructorProfiles, eq(instructorProfiles.userId, instructorServices.instructorId))
  .where(and(eq(instructorServices.isActive, true), eq(instructorProfiles.backgroundCheck, "passed")));
const tasks: {
  serviceId: string;
  start: string;
  duration: number;
  location: { type: "online" | "instructor_location" };
}[] = [];
const seenInstructor = new Set<string>();
const from = new Date(Date.now() + 3 * 86_400_000);
for (const r of rows) {
  // Locations that need no address: online or the instructor's studio.
  const locationType = r.locationTypes.includes("online")
    ? "online"
    : r.locationTypes.includes("instructor_location")
      ? "instructor_location"
      : null;
  if (!locationType || seenInstructor.has(r.instructorId)) continue;
  seenInstructor.add(r.instructorId);
  const duration = r.durations.includes(60) ? 60 : r.durations[0]!;
  const { slots } = await services.availability.getSlots({
    instructorServiceId: r.serviceId,
    duration,
    from,
    to: new Date(from.getTime() + 21 * 86_400_000),
  });
  for (let i = 0; i < slots.length && tasks.filter((t) => t.serviceId === r.serviceId).length < 6; i += 12)
    tasks.push({ serviceId: r.serviceId, start: slots[i]!.toISOString(), duration, location: { type: locationType } });
}
const students = await rt.dbh.db
  .select({ email: users.email })
  .from(users)
  .where(like(users.email, "%@students.instainstru.test"))
  .limit(100);
await rt.close();
console.log(
  `${tasks.length} distinct free slots across ${seenInstructor.size} instructors; ${students.length} students`,
);

const server = await startServer(3300, { PGLITE_DIR: dir });
const sessions: Session[] = [];
for (const [i, s] of students.entries())
  sessions.push(await signIn(server.base, s.email, DEMO_PASSWORD, `198.51.100.${i + 1}`));

const report: Record<string, unknown> = {};
let cursor = 0;
for (const concurrency of [20, 50]) {
  const n = Math.min(400, Math.floor((tasks.length - cursor) / 2));
  const batch = tasks.slice(cursor, cursor + n);
  cursor += n;
  let ok = 0;
  let conflicts = 0;
  const failures: Record<string, number> = {};
  const r = await loadTest(batch.length, concurrency, async (i) => {
    const t = batch[i]!;
    // Student i % 100: a student might already hold another lesson at that time → CONFLICT, counted apart.
    const res = await trpcMutation(
      server.base,
      "booking.create",
      {
        instructorServiceId: t.serviceId,
        start: t.start,
        durationMinutes: t.duration,
        location: t.location,
        notes: "",
      },
      sessions[i % sessions.length],
    );
    if (res.status === 200) ok++;
    else if (res.body.error?.json.data.code === "CONFLICT") conflicts++;
    else {
      const code = `${res.status} ${res.body.error?.json.data.code ?? ""}`;
      failures[code] = (failures[code] ?? 0) + 1;
      throw new Error(code);
    }
  });
  report[`create@${concurrency}`] = {
    ...r,
    created: ok,
    conflicts,
    failures,
    createdPerSec: Math.round((ok / r.wallMs) * 1000),
  };
  console.log(
    `create @${concurrency}: ${ok} created, ${conflicts} conflicts, ${r.errors} errors ${JSON.stringify(failures)} | p50 ${r.p50} ms p95 ${r.p95} ms | ${Math.round((ok / r.wallMs) * 1000)} creates/s`,
  );
}

// The conflict race over HTTP: 100 students, one slot.
const target = tasks[cursor]!;
const t0 = performance.now();
const results = await Promise.all(
  sessions.map((s) =>
    trpcMutation(
      server.base,
      "booking.create",
      {
        instructorServiceId: target.serviceId,
        start: target.start,
        durationMinutes: target.duration,
        location: target.location,
        notes: "",
      },
      s,
    ),
  ),
);
const raceMs = Math.round(performance.now() - t0);
const winners = results.filter((r) => r.status === 200).length;
const losers = results.filter((r) => r.body.error?.json.data.code === "CONFLICT").length;
report.conflictRace = { requests: results.length, winners, conflicts: losers, wallMs: raceMs };
console.log(`conflict race: ${results.length} requests → ${winners} winner, ${losers} CONFLICT in ${raceMs} ms`);
server.stop();
console.log(`report: ${writeReport("booking", report)}`);
process.exit(winners === 1 ? 0 : 1);
