/**
 * Whether an error means the database cannot be reached at all (a server down, restarting, not
 * accepting connections, out of connection slots, a connection cut), as opposed to a query the
 * database refused. The first is an outage: the API answers 503 with Retry-After and the
 * readiness check names the database; the second stays a 4xx or a 500.
 *
 * Recognised by the driver's codes, along the error's chain of causes (Drizzle wraps a failed
 * query in `DrizzleQueryError`; Node wraps failed attempts on several addresses in an
 * `AggregateError`):
 * - SQLSTATE class 08 (connection exception), 57P01/57P02/57P03 (the server shutting down,
 *   crashed, starting), class 53 (insufficient resources: 53300 too many connections), and
 *   55000 when the server sends it as FATAL while connecting ("database … is not currently
 *   accepting connections", ALLOW_CONNECTIONS false);
 * - the socket's errno: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, …;
 * - the few messages node-postgres and PGlite give without any code ("Connection terminated
 *   unexpectedly", a pool's connect timeout, "PGlite is closed").
 */

const SQLSTATES = new Set(["57P01", "57P02", "57P03"]);
const SQLSTATE_CLASSES = ["08", "53"];
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const MESSAGES = [
  /^Connection terminated( unexpectedly)?$/,
  /^Connection terminated due to connection timeout$/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^PGlite is closed$/,
];

type ErrorLike = Error & { code?: unknown; severity?: unknown; errors?: unknown; cause?: unknown };

function unavailableItself(error: ErrorLike): string | null {
  const code = typeof error.code === "string" ? error.code : null;
  if (code && /^[0-9A-Z]{5}$/.test(code) && "severity" in error) {
    if (SQLSTATES.has(code) || SQLSTATE_CLASSES.includes(code.slice(0, 2))) return code;
    // Refused while connecting (the session never started): not accepting connections.
    if (code === "55000" && error.severity === "FATAL") return code;
    return null;
  }
  if (code && SOCKET_CODES.has(code)) return code;
  if (MESSAGES.some((pattern) => pattern.test(error.message))) return "connection";
  return null;
}

/**
 * What made the database unreachable, as a short code safe to show and log (a SQLSTATE, an errno,
 * or "connection"); null when the error is not an outage.
 */
export function databaseUnavailableCause(error: unknown): string | null {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | null => {
    if (!(value instanceof Error) || depth > 8 || seen.has(value)) return null;
    seen.add(value);
    const error = value as ErrorLike;
    const own = unavailableItself(error);
    if (own) return own;
    if (Array.isArray(error.errors)) {
      for (const inner of error.errors) {
        const found = visit(inner, depth + 1);
        if (found) return found;
      }
    }
    return visit(error.cause, depth + 1);
  };
  return visit(error, 0);
}

export const isDatabaseUnavailable = (error: unknown): boolean => databaseUnavailableCause(error) !== null;

/** Seconds a client is asked to wait (Retry-After) when the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
