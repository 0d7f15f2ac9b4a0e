import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { Config } from "../../config.ts";

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface Mailer {
  readonly transport: "smtp" | "log";
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

export interface MailLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Timeouts in milliseconds; the defaults suit a real server, tests shorten them. */
export interface MailerOptions {
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

export type MailErrorKind = "auth" | "connection" | "timeout" | "tls" | "rejected" | "invalid";

/** A failure to send, with a message an operator can act on; `kind` lets callers choose a retry. */
export class MailError extends Error {
  constructor(
    readonly kind: MailErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MailError";
  }
}

const DEFAULT_TIMEOUTS = { connectionTimeoutMs: 5_000, greetingTimeoutMs: 5_000, socketTimeoutMs: 30_000 };

function recipients(to: string | string[]): string[] {
  return (Array.isArray(to) ? to : [to]).map((address) => address.trim()).filter(Boolean);
}

function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "localhost";
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.");

/**
 * nodemailer's errors carry a code, the server's reply and the socket's error; turn them into
 * one sentence that says what failed and what to check.
 */
function explain(error: unknown, where: string, user: string | null): MailError {
  const err = error as Error & { code?: string; response?: string; responseCode?: number };
  const reply = err.response ? ` (server said: ${err.response.trim()})` : "";
  const detail = err.message;
  if (err.code === "EAUTH" || err.code === "ENOAUTH") {
    return new MailError(
      "auth",
      `The mail server ${where} refused the sign-in${user ? ` of "${user}"` : ""}${reply}: check SMTP_USER and SMTP_PASSWORD.`,
      { cause: error },
    );
  }
  if (err.code === "ETLS" || /certificate|self[- ]signed|SSL|TLS/i.test(detail)) {
    return new MailError(
      "tls",
      `The secure connection to the mail server ${where} failed: ${detail}. Check SMTP_SECURE (true for ` +
        "port 465); for a server on this network with a self-signed certificate set " +
        "SMTP_TLS_REJECT_UNAUTHORIZED=false.",
      { cause: error },
    );
  }
  if (err.code === "ETIMEDOUT" || /timeout|timed out/i.test(detail)) {
    return new MailError(
      "timeout",
      `The mail server ${where} did not answer in time: check SMTP_HOST and SMTP_PORT, and that a ` +
        "firewall lets this machine reach it.",
      { cause: error },
    );
  }
  if (err.code === "EENVELOPE" || err.code === "EMESSAGE" || (err.responseCode ?? 0) >= 500) {
    return new MailError(
      "rejected",
      `The mail server ${where} refused the message${reply || `: ${detail}`}.`,
      {
        cause: error,
      },
    );
  }
  if (err.code === "ECONNECTION" || err.code === "ESOCKET" || err.code === "EDNS") {
    return new MailError(
      "connection",
      `Cannot reach the mail server ${where}: ${detail}. Check SMTP_HOST and SMTP_PORT.`,
      { cause: error },
    );
  }
  return new MailError("connection", `Sending through the mail server ${where} failed: ${detail}`, {
    cause: error,
  });
}

export function createMailer(
  config: Pick<Config, "smtp" | "mailFrom">,
  logger: MailLogger,
  options: MailerOptions = {},
): Mailer {
  const smtp = config.smtp;
  if (!smtp) {
    // Development without a mail server: say who would have received what, never the body,
    // which may hold a citizen's personal data.
    const domain = domainOf(config.mailFrom);
    return {
      transport: "log",
      async send(message) {
        const to = recipients(message.to);
        if (to.length === 0) throw new MailError("invalid", "A mail needs at least one recipient.");
        const messageId = `<${randomUUID()}@${domain}>`;
        logger.info(
          { messageId, to, subject: message.subject, attachments: message.attachments?.length ?? 0 },
          "mail not sent: no SMTP server is configured (SMTP_HOST)",
        );
        return { messageId };
      },
      async close() {},
    };
  }

  const timeouts = { ...DEFAULT_TIMEOUTS, ...options };
  // Only a peer with a self-signed certificate on the province's own network needs this.
  const rejectUnauthorized = smtp.tlsRejectUnauthorized;
  if (!rejectUnauthorized) {
    logger.warn(
      { host: smtp.host },
      "SMTP_TLS_REJECT_UNAUTHORIZED=false: the mail server's certificate is not checked",
    );
  }
  const where = `${smtp.host}:${smtp.port}`;
  const transporter = nodemailer.createTransport({
    // A few kept-open connections: a round of reminders is hundreds of mails.
    pool: true,
    maxConnections: 2,
    host: smtp.host,
    port: smtp.port,
    // true: TLS from the first byte (port 465). false: STARTTLS whenever the server offers it.
    secure: smtp.secure,
    // A password only travels encrypted, unless the server is on this very machine.
    requireTLS: !smtp.secure && smtp.user !== null && !isLoopback(smtp.host),
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: timeouts.connectionTimeoutMs,
    greetingTimeout: timeouts.greetingTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
    dnsTimeout: timeouts.connectionTimeoutMs,
    tls: { rejectUnauthorized, minVersion: "TLSv1.2" },
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    transport: "smtp",
    async send(message) {
      const to = recipients(message.to);
      if (to.length === 0) throw new MailError("invalid", "A mail needs at least one recipient.");
      try {
        const info = await transporter.sendMail({
          from: config.mailFrom,
          to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments?.map((attachment) => ({
            filename: attachment.filename,
            content: attachment.content,
            contentType: attachment.contentType,
          })),
        });
        logger.info({ messageId: info.messageId, recipients: to.length }, "mail sent");
        return { messageId: info.messageId };
      } catch (error) {
        const failure = explain(error, where, smtp.user);
        logger.warn({ kind: failure.kind, server: where, recipients: to.length }, "mail not sent");
        throw failure;
      }
    },
    async close() {
      transporter.close();
    },
  };
}
