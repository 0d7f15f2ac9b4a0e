import { readFileSync } from "node:fs";
import { ROLES, type Role } from "../../common/enums.ts";
import { DirectoryEvent } from "../../common/schemas/restructure.ts";
import { isDemoLoaded, loadDemo } from "../../demo/load.ts";
import { migrationState } from "../db/migrate.ts";
import { backupDatabase, restoreDatabase } from "../jobs/backup.ts";
import { todayInVietnam } from "../lib/calendar/index.ts";
import { readCheckpoints, writeCheckpoints } from "../modules/audit/checkpoints.ts";
import { currentAuditKey, loadAuditKey } from "../modules/audit/key.ts";
import { verifyAudit } from "../modules/audit/service.ts";
import { resetTotp } from "../modules/auth/service.ts";
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

const usersResetSecondFactor: CommandSpec = {
  name: "users reset-second-factor",
  summary: "Remove an account's second factor (a lost phone); its sessions end.",
  usage: "users reset-second-factor USERNAME",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "Where the account's role requires a second factor (SECOND_FACTOR_ROLES), it sets one up again",
    "at its next sign-in. Recorded in the audit trail.",
  ],
  async run({ values, positionals }) {
    const [username] = positionals;
    if (!username) throw new UsageError("USERNAME is required");
    return withDatabase(values, async ({ database, tenant }) => {
      const user = await findUserByUsername(database.db, tenant.id, username);
      if (!user) {
        console.error(`No account is named "${username}".`);
        return 1;
      }
      if (!user.totpEnabled) {
        console.log(`${username} has no second factor: nothing to remove.`);
        return 0;
      }
      await database.db.transaction((tx) => resetTotp(tx, tenant.id, CLI_ACTOR, user.id));
      console.log(`Second factor of ${username} removed; its sessions ended.`);
      return 0;
    });
  },
};

const backup: CommandSpec = {
  name: "backup",
  summary: "Write a backup of the database and every stored file into one archive.",
  usage: "backup [--out FILE] [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions, out: { type: "string", short: "o" } },
  help: [
    "  --out FILE            write the archive to FILE (never over an existing file); without it,",
    "                        DATA_DIR/backups/dongthuan-YYYYMMDD-HHmmss.tar.gz (.pg.tar.gz for",
    "                        PostgreSQL), and only the newest BACKUP_KEEP of them are kept",
    ...dbHelp,
    "",
    "One .tar.gz archive: the database (embedded: a copy of the data folder; PostgreSQL:",
    "pg_dump --format=custom), every stored file (the uploads folder, or the S3 bucket with",
    "UPLOAD_STORAGE=s3), and a manifest with the sha256 of each part.",
    "The database is backed up as it is: no pending migration is applied first.",
  ],
  async run({ values }) {
    if (values.out !== undefined && (typeof values.out !== "string" || !values.out.trim()))
      throw new UsageError("--out needs a file name");
    return withDatabase(
      values,
      async ({ database, config }) => {
        const result = await backupDatabase(database, config, { out: values.out as string | undefined });
        console.log(
          `Backup written: ${result.file} (${Math.round(result.bytes / 1024)} KB): the database and ` +
            `${result.files} stored file(s) (${Math.round(result.fileBytes / 1024)} KB).`,
        );
        return 0;
      },
      { migrate: false },
    );
  },
};

const restore: CommandSpec = {
  name: "restore",
  summary: "Restore a backup: the database and the stored files (the server must be stopped).",
  usage: "restore FILE [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "The whole archive and every checksum are checked first; a damaged archive, or one of the",
    "other engine, is refused and nothing is changed. Embedded: the current database and uploads",
    "folder are kept aside, never deleted. PostgreSQL: pg_restore in one transaction into",
    "DATABASE_URL. With UPLOAD_STORAGE=s3 the files are uploaded to the bucket again.",
  ],
  async run({ values, positionals }) {
    const [file] = positionals;
    if (!file) throw new UsageError("FILE is required");
    const config = configFrom(values);
    const result = await restoreDatabase(file, config);
    if (result.manifest) {
      console.log(
        `Restored ${file} into ${describeDatabase(config)}, with ${result.files} stored file(s) ` +
          `(${result.storage === "s3" ? "uploaded to S3" : "in the uploads folder"}).`,
      );
    } else {
      console.log(
        `Restored ${file} into ${describeDatabase(config)}. It is a backup of an older version: the ` +
          "database alone; the stored files were left as they were.",
      );
    }
    if (result.keptAside) console.log(`The database it replaced is kept in ${result.keptAside}.`);
    if (result.filesKeptAside) console.log(`The files it replaced are kept in ${result.filesKeptAside}.`);
    if (result.checkpointsKeptAside) {
      console.log(
        `The audit checkpoints of the trail it replaced are kept in ${result.checkpointsKeptAside}; the file now in place matches the restored trail.`,
      );
    }
    return 0;
  },
};

const auditVerify: CommandSpec = {
  name: "audit verify",
  summary: "Check the audit trail's keyed chain and its checkpoints; name every edited or deleted row.",
  usage: "audit verify [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "Needs the audit key (AUDIT_KEY, or AUDIT_KEY_FILE, default DATA_DIR/audit.key) and reads the",
    "signed checkpoints (AUDIT_CHECKPOINT_FILE, default DATA_DIR/audit-checkpoints.jsonl).",
    "Exit code 0 when the chain is intact, 1 when any row was edited, deleted or rewritten.",
  ],
  async run({ values }) {
    return withDatabase(
      values,
      async ({ database, config }) => {
        const key = loadAuditKey(config, { create: false });
        const { checkpoints, problems: fileProblems } = readCheckpoints(config.auditCheckpointFile, key);
        const result = await verifyAudit(database.db, {
          key,
          checkpoints,
          checkpointProblems: fileProblems,
        });
        const anchored =
          result.checkpoints > 0
            ? `, against ${result.checkpoints} checkpoint(s) in ${config.auditCheckpointFile}`
            : `; no checkpoint yet in ${config.auditCheckpointFile}`;
        if (result.ok) {
          console.log(
            `Audit trail intact: ${result.checked} entries checked under key ${key.id}${anchored}.`,
          );
          if (result.unkeyed > 0) {
            console.log(
              `${result.unkeyed} of them were written before the trail was keyed: they are linked by plain SHA-256 only.`,
            );
          }
          return 0;
        }
        console.error(
          `Audit trail BROKEN: ${result.problems.length} problem(s) in ${result.checked} entries${anchored}:`,
        );
        for (const problem of result.problems) console.error(`  - ${problem.message}`);
        return 1;
      },
      { migrate: true, audit: "read" },
    );
  },
};

const auditCheckpoint: CommandSpec = {
  name: "audit checkpoint",
  summary: "Append a signed checkpoint of each audit chain's head to the checkpoint file now.",
  usage: "audit checkpoint [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "The server writes one every ten minutes and when it stops; copy the file",
    "(AUDIT_CHECKPOINT_FILE) where the database's administrators cannot write.",
  ],
  async run({ values }) {
    return withDatabase(values, async ({ database, config }) => {
      const written = await writeCheckpoints(database.db, currentAuditKey(), config.auditCheckpointFile);
      console.log(
        written.length === 0
          ? `No chain moved since its last checkpoint in ${config.auditCheckpointFile}.`
          : `Checkpoint written to ${config.auditCheckpointFile}: ${written.map((point) => `row ${point.seq}`).join(", ")}.`,
      );
      return 0;
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
  usersResetSecondFactor,
  backup,
  restore,
  auditVerify,
  auditCheckpoint,
  directoryApplyEvent,
  ...planCommands,
  ...reportCommands,
];
