import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { recordAudit } from "../modules/audit/service.ts";
import { ensureTenant } from "../modules/orgs/service.ts";
import { openAndMigrate, startServer } from "../runtime.ts";
import { forEachEngine, postgresAdminUrl } from "../test/engines.ts";
import { TEST_AUDIT_KEY } from "../test/setup.ts";
import type { Database } from "./connection.ts";
import { DatabaseRoleError, ownsAuditTable } from "./roles.ts";

// The server on a PostgreSQL server as a role that owns nothing, the owner migrating: what
// someone who takes over the server's connection can and cannot do to the audit trail.
forEachEngine(
  "database roles: the server's role cannot switch off the audit trail's guards",
  () => {
    const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const owner = `dt_owner_${suffix}`;
    const server = `dt_server_${suffix}`;
    const name = `dt_test_${Date.now().toString(36)}_roles_${suffix}`;
    let admin: pg.Client;
    let database: Database;
    let dataDir: string;
    const urlAs = (user: string) => {
      const url = new URL(postgresAdminUrl());
      url.username = user;
      url.password = "";
      url.pathname = `/${name}`;
      return url.toString();
    };
    const configFor = (env: Record<string, string>) =>
      loadConfig(
        {
          AUDIT_KEY: TEST_AUDIT_KEY.secret.toString("hex"),
          PORT: "0",
          HOST: "127.0.0.1",
          LOG_LEVEL: "silent",
          ...env,
        },
        { dataDir },
      );

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "dt-roles-"));
      admin = new pg.Client({ connectionString: postgresAdminUrl() });
      await admin.connect();
      await admin.query(`CREATE ROLE "${owner}" LOGIN`);
      await admin.query(`CREATE ROLE "${server}" LOGIN`);
      await admin.query(`CREATE DATABASE "${name}" OWNER "${owner}"`);
      // PostgreSQL 15 and later: nobody but the owner creates objects in public; say so for older ones.
      const inDatabase = new pg.Client({ connectionString: urlAs("postgres") });
      await inDatabase.connect();
      await inDatabase.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      await inDatabase.query(`ALTER SCHEMA public OWNER TO "${owner}"`);
      await inDatabase.end();
      database = await openAndMigrate(
        configFor({ DATABASE_URL: urlAs(server), MIGRATION_DATABASE_URL: urlAs(owner) }),
      );
    });
    afterAll(async () => {
      await database?.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${server}"`);
      await admin.query(`DROP ROLE IF EXISTS "${owner}"`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("writes through the server's role, which owns nothing", async () => {
      expect(await ownsAuditTable(database)).toBe(false);
      const tenant = await ensureTenant(database.db, `roles-${suffix}`, "Roles");
      await database.db.transaction((tx) =>
        recordAudit(tx, {
          tenantId: tenant.id,
          actor: { userId: null, name: "test" },
          action: "unit.update",
          entityType: "unit",
          entityId: "u1",
        }),
      );
      const rows = await database.query("SELECT seq FROM audit_log WHERE tenant_id = $1", [tenant.id]);
      expect(rows).toHaveLength(1);
    });

    it.each([
      ["disable its triggers", "ALTER TABLE audit_log DISABLE TRIGGER USER", /must be owner/],
      ["drop a trigger", "DROP TRIGGER audit_log_no_update ON audit_log", /must be owner/],
      [
        "replace the guard function",
        "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        /must be owner|permission denied/,
      ],
      ["update a row", "UPDATE audit_log SET action = 'x'", /permission denied/],
      ["delete rows", "DELETE FROM audit_log", /permission denied/],
      ["truncate it", "TRUNCATE audit_log", /permission denied/],
      ["edit the access log", "DELETE FROM petition_access_log", /permission denied/],
      ["take the table over", `ALTER TABLE audit_log OWNER TO "${server}"`, /must be owner/],
    ])("refuses the server's role to %s", async (_what, statement, refusal) => {
      await expect(database.query(statement)).rejects.toThrow(refusal);
    });

    it("starts the whole server (jobs included) as that role", async () => {
      const running = await startServer(
        configFor({ DATABASE_URL: urlAs(server), MIGRATION_DATABASE_URL: urlAs(owner) }),
        { demo: false, jobs: true, print: () => {} },
      );
      try {
        const ready = await fetch(`${running.url}/api/health/ready`);
        expect(ready.status).toBe(200);
      } finally {
        await running.stop();
      }
    });

    it("refuses one role for both, and a server role that owns the tables", async () => {
      await expect(
        openAndMigrate(configFor({ DATABASE_URL: urlAs(owner), MIGRATION_DATABASE_URL: urlAs(owner) })),
      ).rejects.toThrow(DatabaseRoleError);
      await expect(
        openAndMigrate(configFor({ DATABASE_URL: urlAs("postgres"), MIGRATION_DATABASE_URL: urlAs(owner) })),
      ).rejects.toThrow(/owns the audit table or is a superuser/);
    });
  },
  { engines: ["postgres"] },
);
