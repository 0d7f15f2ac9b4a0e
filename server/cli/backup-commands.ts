import { backupDatabase, restoreDatabase } from "../jobs/backup.ts";
import { describeDatabase } from "../runtime.ts";
import { type CommandSpec, UsageError } from "./parse.ts";
import { configFrom, dbHelp, dbOptions, withDatabase } from "./shared.ts";

/** `dongthuan backup` and `dongthuan restore`: the database and the stored files in one archive. */

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

export const backupCommands: CommandSpec[] = [backup, restore];
