import { timestamp } from "drizzle-orm/pg-core";
import { clock } from "../lib/clock.ts";

/**
 * A timestamp column stamped when a row is written: by the server's one clock for every insert
 * made through Drizzle (so a pinned clock stamps rows too), and by the database's `now()` for
 * anything written with raw SQL.
 */
export const stampedNow = (name: string) =>
  timestamp(name, { withTimezone: true })
    .notNull()
    .defaultNow()
    .$defaultFn(() => clock.now());
