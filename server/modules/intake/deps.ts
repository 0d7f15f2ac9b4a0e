import type { Config } from "../../config.ts";
import type { ContactConfirmationSettings, SmsSettings } from "../../config-sections.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import type { Mailer } from "../notifications/mailer.ts";

/**
 * The intake's settings, read from the environment once by the server's configuration
 * (server/config-sections.ts, `parseContactConfirmation` and `parseSmsSettings`). The limits on
 * each kind of submission belong to its module (PETITION_RATE_LIMIT_*, CIVIC_RATE_LIMIT_*).
 *
 * | variable | default | what |
 * |---|---|---|
 * | CONTACT_CONFIRMATION | off | on: a petition, a question or a comment needs a one-time code for its phone or e-mail |
 * | CONTACT_CODE_MINUTES | 10 | how long a code lives |
 * | CONTACT_CODE_ATTEMPTS | 5 | wrong tries before a code is dead |
 * | CONTACT_CODE_RATE_LIMIT_IP | 10 | codes per hour from one client address |
 * | CONTACT_CODE_RATE_LIMIT_CONTACT | 3 | codes per hour for one phone or e-mail |
 * | SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN | none | where codes go by SMS (none: the log, refused in production) |
 */
export interface IntakeSettings {
  confirmation: ContactConfirmationSettings;
  sms: SmsSettings;
}

export function intakeSettings(config: Pick<Config, "contactConfirmation" | "sms">): IntakeSettings {
  return { confirmation: config.contactConfirmation, sms: config.sms };
}

/** What the intake's services need, built once per app from its context. */
export interface IntakeDeps {
  database: Database;
  tenant: Tenant;
  mailer: Mailer;
  settings: IntakeSettings;
}

const built = new WeakMap<AppContext, IntakeDeps>();

export function intakeDeps(ctx: AppContext): IntakeDeps {
  let deps = built.get(ctx);
  if (!deps) {
    deps = {
      database: ctx.database,
      tenant: ctx.tenant,
      mailer: ctx.mailer,
      settings: intakeSettings(ctx.config),
    };
    built.set(ctx, deps);
  }
  return deps;
}
