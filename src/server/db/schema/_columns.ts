import { customType, timestamp, text } from "drizzle-orm/pg-core";
import { newId } from "~/lib/ids";

/** ULID primary key (26 chars), generated in the application so ids sort by creation time. */
export const idColumn = (name = "id") => text(name).primaryKey().$defaultFn(newId);

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Raw bytes (availability bitmaps). postgres.js yields Buffer, PGlite Uint8Array: both are Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (v) => v,
  fromDriver: (v) => new Uint8Array(v),
});
