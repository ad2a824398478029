import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { platformConfig } from "~/server/db/schema";

export function createPlatformConfigRepository(db: DbOrTx) {
  return {
    async get(key: string): Promise<unknown> {
      const [row] = await db
        .select({ value: platformConfig.value })
        .from(platformConfig)
        .where(eq(platformConfig.key, key))
        .limit(1);
      return row?.value;
    },
    async set(key: string, value: unknown, updatedBy: string | null): Promise<void> {
      await db
        .insert(platformConfig)
        .values({ key, value, updatedBy })
        .onConflictDoUpdate({ target: platformConfig.key, set: { value, updatedBy, updatedAt: new Date() } });
    },
  };
}
export type PlatformConfigRepository = ReturnType<typeof createPlatformConfigRepository>;
