import type { Runtime } from "~/server/runtime";
import type { Services } from "~/server/services";

let override: Runtime | null = null;

/** Tests running functions through @inngest/test point them at their own runtime. */
export function setFunctionRuntime(rt: Runtime | null): void {
  override = rt;
}

/** Services for a function run on a real Inngest server: the process runtime, opened lazily. */
export async function functionServices(): Promise<Services> {
  const { getRuntime } = await import("~/server/runtime");
  return (override ?? (await getRuntime())).services;
}
