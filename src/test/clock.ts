/**
 * A clock tests move by hand: pass `clock.now` to the runtime (`createTestRuntime({ now: clock.now, events: {
 * background: false } })`; services, callers and the durable runner all read it), then `clock.advance(…)` and
 * `rt.events.runDue()` to run what has become due.
 */
export type TestClock = { now: () => Date; set(at: Date | string | number): void; advance(ms: number): void };

export function createTestClock(start: Date | string | number = Date.now()): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => void (t = new Date(at).getTime()),
    advance: (ms) => void (t += ms),
  };
}
