import { describe, expect, it } from "vitest";
import { databaseUnavailableCause, isDatabaseUnavailable } from "./availability.ts";

/** An error as pg and PGlite give it when the database answers with one. */
function databaseError(code: string, severity = "ERROR", message = "…") {
  return Object.assign(new Error(message), { code, severity });
}
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
/** Drizzle's wrapper of a failed query, which keeps the driver's error as its cause. */
const failedQuery = (cause: unknown) =>
  Object.assign(new Error("Failed query: select … params: 0901234567", { cause }), {
    query: "select …",
    params: ["0901234567"],
  });

describe("a database outage, told from a query the database refused", () => {
  it("recognises a server gone, restarting, full or refusing connections", () => {
    const outages = [
      databaseError("57P01", "FATAL", "terminating connection due to administrator command"),
      databaseError("57P02", "FATAL"),
      databaseError("57P03", "FATAL", "the database system is starting up"),
      databaseError("53300", "FATAL", "sorry, too many clients already"),
      databaseError("08006", "FATAL"),
      databaseError("08001"),
      databaseError("55000", "FATAL", 'database "x" is not currently accepting connections'),
      socketError("ECONNREFUSED"),
      socketError("ECONNRESET"),
      socketError("ETIMEDOUT"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      new Error("PGlite is closed"),
      // Node's attempt on each address of "localhost", all refused.
      new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")], ""),
    ];
    for (const error of outages) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
      expect(isDatabaseUnavailable(failedQuery(error)), `wrapped: ${error.message}`).toBe(true);
    }
    expect(databaseUnavailableCause(failedQuery(databaseError("57P01", "FATAL")))).toBe("57P01");
    expect(databaseUnavailableCause(socketError("ECONNREFUSED"))).toBe("ECONNREFUSED");
  });

  it("leaves a refused query, a bug and anything else alone", () => {
    const others = [
      databaseError("23505"),
      databaseError("42P01"),
      databaseError("22P02"),
      databaseError("57014"),
      // 55000 during a session (not while connecting) is a query's own problem.
      databaseError("55000"),
      failedQuery(databaseError("23503")),
      new TypeError("Cannot read properties of undefined"),
      Object.assign(new Error("no such file"), { code: "ENOENT" }),
      "a string",
      null,
    ];
    for (const error of others) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });
});
