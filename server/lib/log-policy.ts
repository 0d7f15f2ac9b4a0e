/**
 * What may reach the log, decided here once. Request bodies, query strings and a failed query's
 * parameters hold citizens' names, phones and texts: they are never logged. A database error is
 * logged by its SQLSTATE and the names of what it is about (table, column, constraint), never by
 * its message — Drizzle's "Failed query: … params: …" quotes every value, and PostgreSQL's own
 * messages quote a bad value ("invalid input syntax for type uuid: "…"").
 *
 * `createLogger` (server/runtime.ts) uses `LOG_SERIALIZERS` and `LOG_REDACT`; code that logs an
 * error or stores its message (a job's output, a mail's last error) goes through `loggableError`
 * or `safeErrorMessage`.
 */

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Drizzle's wording, should a message quoting a failed query reach us some other way. */
const FAILED_QUERY = /Failed query:[\s\S]*$/;

export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  /** The database's error code (SQLSTATE), e.g. 23505 for a unique violation. */
  sqlState?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  /** The stack's frames only: its first line repeats the message. */
  stack?: string;
}

type ErrorLike = Error & Record<string, unknown>;

const isError = (value: unknown): value is ErrorLike => value instanceof Error;

/** Drizzle's wrapper of a failed query (`DrizzleQueryError`: `.query`, `.params`, `.cause`). */
function isQueryError(error: ErrorLike): boolean {
  return error.name === "DrizzleQueryError" || ("query" in error && "params" in error);
}

/** An error the database answered with (pg's and PGlite's `DatabaseError`). */
function isDatabaseError(error: ErrorLike): boolean {
  return typeof error.code === "string" && SQLSTATE.test(error.code) && "severity" in error;
}

/** The query error or database error in an error's chain of causes, if any. */
function databaseFailure(error: ErrorLike): { found: boolean; cause: ErrorLike | null } {
  let found = false;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && isError(current); depth++) {
    if (isDatabaseError(current)) return { found: true, cause: current };
    if (isQueryError(current)) found = true;
    current = current.cause;
  }
  return { found, cause: null };
}

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

function frames(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const lines = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return lines.length > 0 ? lines.join("\n") : undefined;
}

/** A message with any quoted failed query cut off. */
export function scrubMessage(message: string): string {
  return message.replace(FAILED_QUERY, "Failed query (not logged)");
}

/** What of an error may be logged: see the top of this file. */
export function loggableError(error: unknown): LoggedError {
  if (!isError(error)) return { type: typeof error, message: "a value that is not an Error was thrown" };
  // DrizzleQueryError keeps the name "Error"; its class says what it is.
  const type = error.name === "Error" ? (error.constructor?.name ?? error.name) : error.name;
  const { found, cause } = databaseFailure(error);
  if (found || cause) {
    return {
      type,
      message: "database query failed",
      ...(cause
        ? {
            sqlState: cause.code as string,
            table: text(cause.table),
            column: text(cause.column),
            constraint: text(cause.constraint),
            routine: text(cause.routine),
          }
        : {}),
      stack: frames(error.stack),
    };
  }
  const code = error.code;
  return {
    type,
    message: scrubMessage(error.message),
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    stack: frames(error.stack),
  };
}

/** One line for an error, safe to log or to store (a job's output, a mail's last error). */
export function safeErrorMessage(error: unknown): string {
  const logged = loggableError(error);
  const about = [logged.table, logged.column, logged.constraint].filter(Boolean).join(", ");
  if (logged.sqlState) return `${logged.message} (SQLSTATE ${logged.sqlState}${about ? `; ${about}` : ""})`;
  return logged.message;
}

/** A request as logged: its method and path, never its query string, headers or body. */
function loggableRequest(request: {
  method?: string;
  url?: string;
  ip?: string;
  routeOptions?: { url?: string };
}) {
  return {
    method: request.method,
    url: typeof request.url === "string" ? request.url.split("?")[0] : undefined,
    route: request.routeOptions?.url,
    remoteAddress: request.ip,
  };
}

const errorValue = (value: unknown) =>
  isError(value) ? loggableError(value) : typeof value === "string" ? scrubMessage(value) : value;

/** pino serializers: `err` and `error` as `loggableError`, `req` as method and path. */
export const LOG_SERIALIZERS = {
  err: errorValue,
  error: errorValue,
  req: loggableRequest,
};

/**
 * pino redaction, the second line of defence: should a body, a query, a session or a query's
 * parameters be handed to the logger anyway, they are censored.
 */
export const LOG_REDACT = {
  paths: [
    "body",
    "query",
    "params",
    "req.body",
    "req.query",
    "req.params",
    "req.headers.authorization",
    "req.headers.cookie",
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    "headers.authorization",
    "headers.cookie",
    "err.params",
    "err.query",
    "err.cause.params",
    "err.cause.query",
    "error.params",
    "error.query",
    "*.password",
    "*.contact",
    "*.phone",
    "*.email",
  ],
  censor: "[redacted]",
};
