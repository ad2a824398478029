/**
 * The request budget (PRODUCT.md §7.6) and the pipeline timeline. Required stages always run; an optional stage
 * (LLM parse, embedding and LLM location tiers, vector retrieval) runs only when the time left, minus a reserve
 * kept for the required tail, covers it, and then only for that long. Whatever is skipped is reported.
 */

export type StageStatus =
  "ok" | "hit" | "miss" | "skipped" | "timeout" | "error" | "unavailable" | "not_needed" | "cached";
export type StageRecord = { stage: string; startMs: number; ms: number; status: StageStatus; detail?: string };
export type SkipReason = "budget" | "timeout" | "error" | "override" | "high_load";
export type SkippedStage = { stage: string; reason: SkipReason };

/** The least time an optional stage is worth starting with. */
export const MIN_OPTIONAL_STAGE_MS = 15;

export class Budget {
  readonly stages: StageRecord[] = [];
  readonly skipped: SkippedStage[] = [];
  private readonly t0 = performance.now();

  constructor(
    readonly totalMs: number,
    readonly reserveMs: number,
    readonly highLoad: boolean,
  ) {}

  elapsed(): number {
    return performance.now() - this.t0;
  }

  remaining(): number {
    return this.totalMs - this.elapsed();
  }

  /** Time an optional stage may take now (0 = do not start it). */
  allowance(stageTimeoutMs: number): number {
    const free = this.remaining() - this.reserveMs;
    return free >= MIN_OPTIONAL_STAGE_MS ? Math.floor(Math.min(stageTimeoutMs, free)) : 0;
  }

  /** Runs a stage and records its time and outcome (the callback may refine the status). */
  async stage<T>(name: string, fn: (mark: (status: StageStatus, detail?: string) => void) => Promise<T>): Promise<T> {
    const start = this.elapsed();
    const record: StageRecord = { stage: name, startMs: round(start), ms: 0, status: "ok" };
    this.stages.push(record);
    try {
      return await fn((status, detail) => {
        record.status = status;
        if (detail !== undefined) record.detail = detail;
      });
    } catch (e) {
      record.status = "error";
      record.detail = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      record.ms = round(this.elapsed() - start);
    }
  }

  /** Records a stage that did not run. Only budget/timeout/error/high-load skips make a response degraded. */
  skip(stage: string, reason: SkipReason, detail?: string): void {
    this.stages.push({
      stage,
      startMs: round(this.elapsed()),
      ms: 0,
      status: reason === "timeout" ? "timeout" : "skipped",
      detail: detail ?? reason,
    });
    this.skipped.push({ stage, reason });
  }

  note(stage: string, status: StageStatus, detail?: string): void {
    this.stages.push({ stage, startMs: round(this.elapsed()), ms: 0, status, ...(detail ? { detail } : {}) });
  }

  get degraded(): boolean {
    return this.skipped.some((s) => s.reason !== "override");
  }
}

export const round = (ms: number) => Math.round(ms * 100) / 100;

/** Resolves to the promise's value, or to `timeout` after `ms` (the promise is left to settle on its own). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<{ ok: true; value: T } | { ok: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise.then((value) => ({ ok: true as const, value })),
      new Promise<{ ok: false }>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false }), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
