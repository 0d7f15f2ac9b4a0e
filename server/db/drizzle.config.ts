import { defineConfig } from "drizzle-kit";

// Migrations are generated from the tables, reviewed, and checked in; never edited after merge.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema.ts",
  out: "./server/db/migrations",
});
