/**
 * Two database roles on a PostgreSQL server: the owner, which migrates (MIGRATION_DATABASE_URL),
 * and the role the server runs as (DATABASE_URL), which owns nothing. Only a table's owner (or a
 * superuser) can disable its triggers, drop them or alter the table, so the server's role — and
 * whoever takes it over — cannot switch off the append-only guards of the audit trail and the
 * other records; the append-only tables are not even granted UPDATE, DELETE or TRUNCATE.
 *
 * `grantServerRole` runs as the owner after each migration, so tables added later are granted too.
 */
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "./connection.ts";

/** Tables that are only ever appended to (their triggers refuse UPDATE and DELETE). */
export const APPEND_ONLY_TABLES = [
  "audit_log",
  "petition_access_log",
  "plan_versions",
  "plan_edits",
  "assignment_updates",
  "assignment_files",
  "assignment_transfers",
  "report_revisions",
  "report_events",
  "report_files",
  "report_reopenings",
  "report_forms",
] as const;

export class DatabaseRoleError extends Error {}

/** The user name of a postgres:// URL (the role the connection logs in as). */
export function roleOfUrl(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new DatabaseRoleError("DATABASE_URL names no user: the server's role must be named");
  return user;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export async function grantServerRole(owner: Database, role: string): Promise<void> {
  const [me] = await queryRows<{ user: string; db: string }>(
    owner.db,
    sql`SELECT current_user AS "user", current_database() AS db`,
  );
  if (me.user === role) {
    throw new DatabaseRoleError(
      `MIGRATION_DATABASE_URL and DATABASE_URL log in as the same role (${role}): the server's role must be another, owning nothing`,
    );
  }
  const server = ident(role);
  await owner.db.transaction(async (tx) => {
    await tx.execute(sql`GRANT USAGE ON SCHEMA public TO ${server}`);
    await tx.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${server}`);
    await tx.execute(sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${server}`);
    await tx.execute(
      sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${sql.join(
        APPEND_ONLY_TABLES.map((table) => ident(table)),
        sql`, `,
      )} FROM ${server}`,
    );
    // The health check reads which migrations were applied.
    await tx.execute(sql`GRANT USAGE ON SCHEMA drizzle TO ${server}`);
    await tx.execute(sql`GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${server}`);
    // The job queue (pg-boss) keeps its tables in a schema of its own, which it creates and
    // migrates on start as the server's role: nothing of the audit lives there.
    await tx.execute(sql`GRANT CREATE ON DATABASE ${ident(me.db)} TO ${server}`);
  });
}

/**
 * True when the connection's role owns the audit trail's table: it could then disable the
 * table's triggers. The server warns about it on start (and refuses in production when a
 * migration role is configured, since that promised otherwise).
 */
export async function ownsAuditTable(database: Database): Promise<boolean> {
  if (database.engine !== "postgres") return true;
  const [row] = await queryRows<{ owns: boolean }>(
    database.db,
    sql`SELECT pg_has_role(current_user, tableowner, 'USAGE') AS owns FROM pg_tables
        WHERE schemaname = 'public' AND tablename = 'audit_log'`,
  );
  return row?.owns ?? false;
}
