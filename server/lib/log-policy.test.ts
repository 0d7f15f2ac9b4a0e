import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createLogger } from "../runtime.ts";
import { loggableError, safeErrorMessage } from "./log-policy.ts";

const PHONE = "0912345678";
const NAME = "Trần Văn Kín";

/** As pg and PGlite raise it: the message may quote the value refused. */
function databaseError(message: string, fields: Record<string, string>) {
  return Object.assign(new Error(message), { name: "DatabaseError", severity: "ERROR", ...fields });
}

const failedQuery = () =>
  new DrizzleQueryError(
    'insert into "petitions" ("contact_phone", "contact_name") values ($1, $2)',
    [PHONE, NAME],
    databaseError(`invalid input syntax for type uuid: "${PHONE}"`, {
      code: "22P02",
      routine: "string_to_uuid",
    }),
  );

function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ logLevel: "info" }, stream), text: () => lines.join("") };
}

describe("what of an error may be logged", () => {
  it("keeps a failed query's SQLSTATE and names, never its query, parameters or the database's message", () => {
    const logged = loggableError(failedQuery());
    expect(logged).toMatchObject({
      type: "DrizzleQueryError",
      message: "database query failed",
      sqlState: "22P02",
      routine: "string_to_uuid",
    });
    expect(JSON.stringify(logged)).not.toMatch(/0912345678|Trần|params|insert|invalid input/);
    expect(safeErrorMessage(failedQuery())).toBe("database query failed (SQLSTATE 22P02)");
  });

  it("finds the failed query in an error's causes, and cuts a quoted one out of any message", () => {
    const wrapped = new Error("could not save", { cause: failedQuery() });
    expect(loggableError(wrapped)).toMatchObject({ message: "database query failed", sqlState: "22P02" });
    const retold = new Error(`import failed: ${failedQuery().message}`);
    expect(loggableError(retold).message).toBe("import failed: Failed query (not logged)");
    const unique = databaseError("duplicate key value violates unique constraint", {
      code: "23505",
      table: "units",
      constraint: "units_code_key",
    });
    expect(safeErrorMessage(unique)).toBe("database query failed (SQLSTATE 23505; units, units_code_key)");
    expect(loggableError(Object.assign(new Error("no route"), { code: "ECONNREFUSED" }))).toMatchObject({
      message: "no route",
      code: "ECONNREFUSED",
    });
  });

  it("the process's logger serializes and redacts by that policy, whatever a caller hands it", () => {
    const { logger, text } = memoryLogger();
    logger.error({ err: failedQuery() }, "failed");
    logger.error({ error: failedQuery().message }, "failed again");
    logger.info(
      {
        req: { method: "POST", url: `/api/x?phone=${PHONE}`, headers: { cookie: "dt_session=s3cret" } },
        body: { contact: { name: NAME } },
        user: { phone: PHONE, email: "kin@example.vn" },
      },
      "request",
    );
    const written = text();
    expect(written).toContain('"sqlState":"22P02"');
    expect(written).toContain('"url":"/api/x"');
    expect(written).toContain('"body":"[redacted]"');
    for (const secret of [PHONE, NAME, "kin@example.vn", "s3cret", "params", "insert into"]) {
      expect(written, secret).not.toContain(secret);
    }
  });
});
