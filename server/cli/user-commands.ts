import { ROLES, type Role } from "../../common/enums.ts";
import { todayInVietnam } from "../lib/calendar/index.ts";
import { resetTotp } from "../modules/auth/service.ts";
import { createUser, findUserByUsername, resetPassword } from "../modules/auth/users.ts";
import { listUnits } from "../modules/orgs/service.ts";
import { type CommandSpec, UsageError } from "./parse.ts";
import { CLI_ACTOR, dbHelp, dbOptions, withDatabase } from "./shared.ts";

/** `dongthuan users …`: accounts, their passwords and their second factor. */

const usersCreate: CommandSpec = {
  name: "users create",
  summary: "Create an account, optionally with roles on units.",
  usage: 'users create USERNAME --name "Full name" [--email E] [--role ROLE@UNIT]… [--password P]',
  options: {
    ...dbOptions,
    name: { type: "string" },
    email: { type: "string" },
    role: { type: "string", multiple: true },
    password: { type: "string" },
  },
  help: [
    "  --name NAME           display name (required)",
    "  --email E             e-mail address for notifications",
    `  --role ROLE@UNIT      a role (${ROLES.join(", ")}) on a unit given by its code or exact name;`,
    "                        repeat for several roles",
    "  --password P          set this password (else a temporary one is printed once)",
    ...dbHelp,
    "",
    'Example: dongthuan users create nguyenvana --name "Nguyễn Văn A" --role unit_officer@"Sở Nội vụ"',
  ],
  async run({ values, positionals }) {
    const [username] = positionals;
    if (!username) throw new UsageError("USERNAME is required");
    if (typeof values.name !== "string" || !values.name.trim()) throw new UsageError("--name is required");
    return withDatabase(values, async ({ database, tenant }) => {
      const grants: { role: Role; unitId: string }[] = [];
      for (const spec of (values.role as string[] | undefined) ?? []) {
        const at = spec.indexOf("@");
        const role = spec.slice(0, at) as Role;
        const unitRef = spec.slice(at + 1).trim();
        if (at < 0 || !ROLES.includes(role))
          throw new UsageError(
            `--role must be ROLE@UNIT with ROLE one of ${ROLES.join(", ")} (got "${spec}")`,
          );
        // Among the units in force today: codes of closed units may be reused by their successors.
        const candidates = (
          await listUnits(database.db, tenant.id, { q: unitRef, limit: 50, asOf: todayInVietnam() })
        ).filter(
          (unit) =>
            unit.code === unitRef || unit.name.toLowerCase() === unitRef.toLowerCase() || unit.id === unitRef,
        );
        if (candidates.length !== 1) {
          throw new UsageError(
            candidates.length === 0
              ? `no unit has the code or name "${unitRef}"`
              : `"${unitRef}" names ${candidates.length} units: use its code`,
          );
        }
        grants.push({ role, unitId: candidates[0].id });
      }
      const result = await database.db.transaction((tx) =>
        createUser(tx, tenant.id, CLI_ACTOR, {
          username,
          displayName: values.name as string,
          email: (values.email as string | undefined) ?? null,
          password: values.password as string | undefined,
          grants,
        }),
      );
      console.log(
        `Created ${result.user.username} (${result.user.displayName}) with ${grants.length} role(s).`,
      );
      if (result.temporaryPassword)
        console.log(`Temporary password (shown once): ${result.temporaryPassword}`);
      return 0;
    });
  },
};

const usersResetPassword: CommandSpec = {
  name: "users reset-password",
  summary: "Give an account a new password (printed once) and unlock it; its sessions end.",
  usage: "users reset-password USERNAME [--password P]",
  options: { ...dbOptions, password: { type: "string" } },
  help: ["  --password P          set this password instead of a generated temporary one", ...dbHelp],
  async run({ values, positionals }) {
    const [username] = positionals;
    if (!username) throw new UsageError("USERNAME is required");
    return withDatabase(values, async ({ database, tenant }) => {
      const user = await findUserByUsername(database.db, tenant.id, username);
      if (!user) {
        console.error(`No account is named "${username}".`);
        return 1;
      }
      const { temporaryPassword } = await database.db.transaction((tx) =>
        resetPassword(tx, tenant.id, CLI_ACTOR, user.id, values.password as string | undefined),
      );
      console.log(
        values.password
          ? `Password of ${username} changed; the account is unlocked.`
          : `New temporary password for ${username} (shown once): ${temporaryPassword}`,
      );
      return 0;
    });
  },
};

const usersResetSecondFactor: CommandSpec = {
  name: "users reset-second-factor",
  summary: "Remove an account's second factor (a lost phone); its sessions end.",
  usage: "users reset-second-factor USERNAME",
  options: { ...dbOptions },
  help: [
    ...dbHelp,
    "",
    "Where the account's role requires a second factor (SECOND_FACTOR_ROLES), it sets one up again",
    "at its next sign-in. Recorded in the audit trail.",
  ],
  async run({ values, positionals }) {
    const [username] = positionals;
    if (!username) throw new UsageError("USERNAME is required");
    return withDatabase(values, async ({ database, tenant }) => {
      const user = await findUserByUsername(database.db, tenant.id, username);
      if (!user) {
        console.error(`No account is named "${username}".`);
        return 1;
      }
      if (!user.totpEnabled) {
        console.log(`${username} has no second factor: nothing to remove.`);
        return 0;
      }
      await database.db.transaction((tx) => resetTotp(tx, tenant.id, CLI_ACTOR, user.id));
      console.log(`Second factor of ${username} removed; its sessions ended.`);
      return 0;
    });
  },
};

export const userCommands: CommandSpec[] = [usersCreate, usersResetPassword, usersResetSecondFactor];
