import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { chmod, open, rm } from "node:fs/promises";
import { redactUrl } from "../db/connection.ts";
import { BackupError } from "./backup-files.ts";

/**
 * libpq takes the URL on the command line, where every user of the machine can read it in the
 * process list: the password goes through PGPASSWORD instead.
 */
function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  return { dbname: parsed.toString(), env };
}

function run(tool: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        reject(
          new BackupError(
            `${tool} is not installed on this machine. Install the PostgreSQL client tools ` +
              "(Debian/Ubuntu: apt install postgresql-client, the same major version as the server or newer), " +
              "or back up with the database server's own tools.",
            { cause: error },
          ),
        );
      } else reject(new BackupError(`${tool} could not start: ${error.message}`, { cause: error }));
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit code ${code}): ${stderr.trim() || "no message"}`));
    });
  });
}

/**
 * `pg_dump --format=custom` of the database into `partial`, readable by the server's user only (a
 * dump holds citizens' personal data): the file is made with mode 600 before pg_dump writes into
 * it, and set so again after, whatever the process's umask.
 */
export async function dumpPostgres(url: string, partial: string): Promise<void> {
  const { dbname, env } = connectionArgs(url);
  try {
    closeSync(openSync(partial, "wx", 0o600));
    await run("pg_dump", ["--format=custom", `--file=${partial}`, `--dbname=${dbname}`], env);
    await chmod(partial, 0o600);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof BackupError) {
      error.message = `Backup of PostgreSQL ${redactUrl(url)} failed. ${error.message}`;
    }
    throw error;
  }
}

/** Custom-format dumps begin with these five bytes. */
async function assertDumpFile(file: string) {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(
      `Cannot read the backup ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`,
    );
  });
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    if (bytesRead < 5 || head.toString("latin1") !== "PGDMP") {
      throw new BackupError(
        `${file} is not a PostgreSQL backup (pg_dump --format=custom): ${bytesRead === 0 ? "the file is empty" : "wrong header"}. Nothing was changed.`,
      );
    }
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the database's content with the dump's, in one transaction: it all applies or nothing
 * does. Stop the app servers first, or their connections will hold locks the restore waits on.
 */
export async function restorePostgres(file: string, url: string): Promise<void> {
  await assertDumpFile(file);
  const { dbname, env } = connectionArgs(url);
  await run(
    "pg_restore",
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${dbname}`,
      file,
    ],
    env,
  ).catch((error: unknown) => {
    if (error instanceof BackupError) {
      error.message = `Restore into PostgreSQL ${redactUrl(url)} failed; the transaction was rolled back. ${error.message}`;
    }
    throw error;
  });
}
