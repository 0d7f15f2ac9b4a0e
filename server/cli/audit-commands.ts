import { readCheckpoints, writeCheckpoints } from "../modules/audit/checkpoints.ts";
import { currentAuditKey, loadAuditKey } from "../modules/audit/key.ts";
import { verifyAudit } from "../modules/audit/service.ts";
import type { CommandSpec } from "./parse.ts";
import { dbHelp, dbOptions, withDatabase } from "./shared.ts";

/** `dongthuan audit …`: checking the audit trail and anchoring it outside the database. */

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

export const auditCommands: CommandSpec[] = [auditVerify, auditCheckpoint];
