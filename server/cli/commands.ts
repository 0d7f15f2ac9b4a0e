import { readFileSync } from "node:fs";
import { ROLES, type Role } from "../../common/enums.ts";
import { DirectoryEvent } from "../../common/schemas/restructure.ts";
import { isDemoLoaded, loadDemo } from "../../demo/load.ts";
import { migrationState } from "../db/migrate.ts";
import { backupDatabase, restoreDatabase } from "../jobs/backup.ts";
import { todayInVietnam } from "../lib/calendar/index.ts";
import { verifyAudit } from "../modules/audit/service.ts";
import { createUser, findUserByUsername, resetPassword } from "../modules/auth/users.ts";
import { applyDirectoryEvent } from "../modules/orgs/restructure.ts";
import { listUnits } from "../modules/orgs/service.ts";
import { describeDatabase, startServer } from "../runtime.ts";
import { type CommandSpec, UsageError } from "./parse.ts";
import { planCommands } from "./plan-commands.ts";
import { reportCommands } from "./report-commands.ts";
import { CLI_ACTOR, configFrom, dbHelp, dbOptions, withDatabase } from "./shared.ts";

const serve: CommandSpec = {
  name: "serve",
  summary: "Start the web server (and load the demo province on an empty database).",
  usage: "serve [--port N] [--data-dir DIR] [--database-url URL] [--no-demo] [--public-url URL] …",
  options: {
    ...dbOptions,
    port: { type: "string", short: "p" },
    host: { type: "string" },
    "public-url": { type: "string" },
    "demo-password": { type: "string" },
    "smtp-host": { type: "string" },
    "smtp-port": { type: "string" },
    "mail-from": { type: "string" },
    "log-level": { type: "string" },
    "no-demo": { type: "boolean" },
  },
  help: [
    "  --port N              HTTP port (default: $PORT or 3000)",
    "  --host ADDRESS        address to listen on (default: $HOST or 0.0.0.0)",
    ...dbHelp,
    "  --public-url URL      the address users reach (default: $PUBLIC_URL)",
    "  --demo-password P     every demo account's password (default: $DEMO_PASSWORD, else random)",
    "  --smtp-host H, --smtp-port N, --mail-from A   outgoing mail (default: $SMTP_HOST …)",
    "  --log-level L         debug, info, warn, error (default: $LOG_LEVEL or info)",
    "  --no-demo             start on an empty database without the demo province",
    "",
    "Every flag stands for the environment variable of the same name; the README lists them all.",
    "",
    "Stops cleanly on SIGTERM or Ctrl-C.",
  ],
  async run({ values }) {
    const config = configFrom(values);
    console.log(`Đồng Thuận: database ${describeDatabase(config)}`);
    const server = await startServer(config, { demo: !values["no-demo"] });
    console.log(
      `Đồng Thuận is running at ${server.url.replace(/:\/\/[^:]+:/, "://localhost:")}  (API docs: /api/docs)`,
    );
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        console.log(`${signal} received: stopping…`);
        server.stop().then(resolve, (error) => {
          console.error(`error while stopping: ${(error as Error).message}`);
          resolve();
        });
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
    });
    return 0;
  },
};

const migrateCommand: CommandSpec = {
  name: "migrate",
  summary: "Apply pending database migrations and report the state.",
  usage: "migrate [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: dbHelp,
  async run({ values }) {
    return withDatabase(values, async ({ database, config }) => {
      const state = await migrationState(database);
      console.log(`${describeDatabase(config)}: ${state.applied}/${state.latest} migrations applied`);
      return 0;
    });
  },
};

const demo: CommandSpec = {
  name: "demo",
  summary: "Load the demo province (Kiên Giang 2024 and its 2025 restructuring) into an empty database.",
  usage: "demo [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "Refuses when the demo is already loaded. DEMO_PASSWORD sets every demo account's password.",
  ],
  async run({ values }) {
    return withDatabase(values, async ({ database, tenant, config }) => {
      if (await isDemoLoaded(database.db, tenant.id)) {
        console.error("The demo province is already loaded in this database.");
        return 1;
      }
      const summary = await loadDemo(database, tenant, { password: config.demoPassword });
      for (const line of summary.lines) console.log(line);
      return 0;
    });
  },
};

const usersCreate: CommandSpec = {
  name: "users create",
  summary: "Create an account, optionally with roles on units.",
  usage: 'users create USERNAME --name "Full name" [--email E] [--role ROLE@UNIT]… [--password P]',
  options: {
    ...dbOptions,
    name: { type: "string" },
    email: { type: "string" },
    role: { type: "string", multiple: true },
    password: { type: "string" },
  },
  help: [
    "  --name NAME           display name (required)",
    "  --email E             e-mail address for notifications",
    `  --role ROLE@UNIT      a role (${ROLES.join(", ")}) on a unit given by its code or exact name;`,
    "                        repeat for several roles",
    "  --password P          set this password (else a temporary one is printed once)",
    ...dbHelp,
    "",
    'Example: dongthuan users create nguyenvana --name "Nguyễn Văn A" --role unit_officer@"Sở Nội vụ"',
  ],
  async run({ values, positionals }) {
    const [username] = positionals;
    if (!username) throw new UsageError("USERNAME is required");
    if (typeof values.name !== "string" || !values.name.trim()) throw new UsageError("--name is required");
    return withDatabase(values, async ({ database, tenant }) => {
      const grants: { role: Role; unitId: string }[] = [];
      for (const spec of (values.role as string[] | undefined) ?? []) {
        const at = spec.indexOf("@");
        const role = spec.slice(0, at) as Role;
        const unitRef = spec.slice(at + 1).trim();
        if (at < 0 || !ROLES.includes(role))
          throw new UsageError(
            `--role must be ROLE@UNIT with ROLE one of ${ROLES.join(", ")} (got "${spec}")`,
          );
        // Among the units in force today: codes of closed units may be reused by their successors.
        const candidates = (
          await listUnits(database.db, tenant.id, { q: unitRef, limit: 50, asOf: todayInVietnam() })
        ).filter(
          (unit) =>
            unit.code === unitRef || unit.name.toLowerCase() === unitRef.toLowerCase() || unit.id === unitRef,
        );
        if (candidates.length !== 1) {
          throw new UsageError(
            candidates.length === 0
              ? `no unit has the code or name "${unitRef}"`
              : `"${unitRef}" names ${candidates.length} units: use its code`,
          );
        }
        grants.push({ role, unitId: candidates[0].id });
      }
      const result = await database.db.transaction((tx) =>
        createUser(tx, tenant.id, CLI_ACTOR, {
          username,
          displayName: values.name as string,
          email: (values.email as string | undefined) ?? null,
          password: values.password as string | undefined,
          grants,
        }),
      );
      console.log(
        `Created ${result.user.username} (${result.user.displayName}) with ${grants.length} role(s).`,
      );
      if (result.temporaryPassword)
        console.log(`Temporary password (shown once): ${result.temporaryPassword}`);
      return 0;
    });
  },
};

const usersResetPassword: CommandSpec = {
  name: "users reset-password",
  summary: "Give an account a new password (printed once) and unlock it; its sessions end.",
  usage: "users reset-password USERNAME [--password P]",
  options: { ...dbOptions, password: { type: "string" } },
  help: ["  --password P          set this password instead of a generated temporary one", ...dbHelp],
  async run({ values, positionals }) {
    const [username] = positionals;
    if (!username) throw new UsageError("USERNAME is required");
    return withDatabase(values, async ({ database, tenant }) => {
      const user = await findUserByUsername(database.db, tenant.id, username);
      if (!user) {
        console.error(`No account is named "${username}".`);
        return 1;
      }
      const { temporaryPassword } = await database.db.transaction((tx) =>
        resetPassword(tx, tenant.id, CLI_ACTOR, user.id, values.password as string | undefined),
      );
      console.log(
        values.password
          ? `Password of ${username} changed; the account is unlocked.`
          : `New temporary password for ${username} (shown once): ${temporaryPassword}`,
      );
      return 0;
    });
  },
};

const backup: CommandSpec = {
  name: "backup",
  summary: "Write a backup of the database into DATA_DIR/backups.",
  usage: "backup [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "Embedded: a compressed copy of the data folder. PostgreSQL: pg_dump --format=custom.",
    "The database is backed up as it is: no pending migration is applied first.",
  ],
  async run({ values }) {
    return withDatabase(
      values,
      async ({ database, config }) => {
        const result = await backupDatabase(database, config);
        console.log(`Backup written: ${result.file} (${Math.round(result.bytes / 1024)} KB)`);
        return 0;
      },
      { migrate: false },
    );
  },
};

const restore: CommandSpec = {
  name: "restore",
  summary: "Restore a backup (the server must be stopped; the current data is kept aside).",
  usage: "restore FILE [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: dbHelp,
  async run({ values, positionals }) {
    const [file] = positionals;
    if (!file) throw new UsageError("FILE is required");
    const config = configFrom(values);
    const { keptAside } = await restoreDatabase(file, config);
    console.log(`Restored ${file} into ${describeDatabase(config)}.`);
    if (keptAside) console.log(`The data it replaced is kept in ${keptAside}.`);
    return 0;
  },
};

const auditVerify: CommandSpec = {
  name: "audit verify",
  summary: "Check the audit trail's hash chain; name every edited or deleted row.",
  usage: "audit verify [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: [...dbHelp, "", "Exit code 0 when the chain is intact, 1 when any row was edited or deleted."],
  async run({ values }) {
    return withDatabase(values, async ({ database }) => {
      const result = await verifyAudit(database.db);
      if (result.ok) {
        console.log(`Audit trail intact: ${result.checked} entries checked.`);
        return 0;
      }
      console.error(`Audit trail BROKEN: ${result.problems.length} problem(s) in ${result.checked} entries:`);
      for (const problem of result.problems) console.error(`  - ${problem.message}`);
      return 1;
    });
  },
};

const directoryApplyEvent: CommandSpec = {
  name: "directory apply-event",
  summary: "Apply a restructuring event (merge, split, rename, dissolve, move) from a JSON file.",
  usage: "directory apply-event FILE.json [--dry-run] [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions, "dry-run": { type: "boolean" } },
  help: [
    "  --dry-run             list what would change (units closed, created, renamed, moved, and the",
    "                        obligations that would pass to successors) and write nothing",
    ...dbHelp,
    "",
    "The file: {title, effectiveDate, legalBasis, changes: [{kind: merge|split|rename|dissolve|move|create, …}]}",
    "(see docs/decisions/2026-11-27-directory-history.md and common/schemas/restructure.ts).",
  ],
  async run({ values, positionals }) {
    const [file] = positionals;
    if (!file) throw new UsageError("FILE.json is required");
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const event = DirectoryEvent.safeParse(parsed);
    if (!event.success) {
      console.error(`${file} is not a directory event:`);
      for (const issue of event.error.issues)
        console.error(`  - ${issue.path.join(".") || "(file)"}: ${issue.message}`);
      return 1;
    }
    return withDatabase(values, async ({ database, tenant }) => {
      const dryRun = !!values["dry-run"];
      try {
        const outcome = await database.db.transaction((tx) =>
          applyDirectoryEvent(tx, tenant.id, CLI_ACTOR, event.data, { dryRun }),
        );
        console.log(
          `${dryRun ? "Would apply" : "Applied"}: ${event.data.title} (${event.data.effectiveDate})`,
        );
        for (const unit of outcome.created) console.log(`  + ${unit.name}`);
        for (const unit of outcome.closed)
          console.log(`  - ${unit.name} → ${unit.successors.join(", ") || "(no successor)"}`);
        for (const unit of outcome.renamed) console.log(`  ~ ${unit.from} → ${unit.to}`);
        for (const unit of outcome.moved) console.log(`  > ${unit.name} under ${unit.parent}`);
        for (const transfer of outcome.transfers)
          console.log(
            `  ⇒ [${transfer.module}] ${transfer.description}: ${transfer.from} → ${transfer.to.join(", ")}`,
          );
        // A split's open assignments, with the proposal to confirm in the change's "mapping".
        for (const split of outcome.splits)
          for (const item of split.items)
            console.log(
              `  ⇉ ${split.from.name}: ${item.code} (${item.role}${item.occurrence === "once" ? "" : `, ${item.occurrence}`}) assignment ${item.assignmentId} → ${item.mapped ? item.mapped.join(", ") : `not mapped; proposed: ${item.proposed.join(", ")}`}`,
            );
        return 0;
      } catch (error) {
        const details = (error as { details?: { problems?: string[]; unmapped?: string[] } }).details;
        console.error((error as Error).message);
        for (const problem of details?.problems ?? details?.unmapped ?? []) console.error(`  - ${problem}`);
        return 1;
      }
    });
  },
};

export const commands: CommandSpec[] = [
  serve,
  migrateCommand,
  demo,
  usersCreate,
  usersResetPassword,
  backup,
  restore,
  auditVerify,
  directoryApplyEvent,
  ...planCommands,
  ...reportCommands,
];
