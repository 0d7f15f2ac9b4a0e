import { isDemoLoaded, loadDemo } from "../../demo/load.ts";
import { migrationState } from "../db/migrate.ts";
import { describeDatabase, startServer } from "../runtime.ts";
import { auditCommands } from "./audit-commands.ts";
import { backupCommands } from "./backup-commands.ts";
import { directoryCommands } from "./directory-commands.ts";
import type { CommandSpec } from "./parse.ts";
import { planCommands } from "./plan-commands.ts";
import { reportCommands } from "./report-commands.ts";
import { configFrom, dbHelp, dbOptions, withDatabase } from "./shared.ts";
import { userCommands } from "./user-commands.ts";

// The server's own commands are here; each other group of commands has a file of its own.

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

export const commands: CommandSpec[] = [
  serve,
  migrateCommand,
  demo,
  ...userCommands,
  ...backupCommands,
  ...auditCommands,
  ...directoryCommands,
  ...planCommands,
  ...reportCommands,
];
