import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and applied programmatically (scripts/prepare-db.ts),
// because drizzle-kit's own migrate cannot load PGlite extensions.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
