import { and, eq, inArray, isNull } from "drizzle-orm";
import { type Item, item, type SectionProvider, tr } from "../home/sections.ts";
import { roleGrants, users } from "./tables.ts";
import { heldBackNames } from "./throttle.ts";

/** The home page: one's own account's security, and for the administrator the accounts needing care. */
export const authHomeSections: SectionProvider[] = [
  {
    key: "account-security",
    roles: "all",
    async build(_ctx, _actor, user, locale) {
      const items: Item[] = [];
      if (user.mustChangePassword) {
        items.push(
          item({
            id: "change-password",
            title: tr(locale, "Đổi mật khẩu tạm thời", "Change your temporary password"),
            href: "/account",
            tone: "danger",
          }),
        );
      }
      if (!user.totpEnabled) {
        items.push(
          item({
            id: "enable-totp",
            title: tr(locale, "Bật xác thực hai bước", "Turn on two-step verification"),
            href: "/account",
            tone: "warning",
          }),
        );
      }
      return { key: "account-security", total: items.length, items };
    },
  },
  {
    key: "locked-accounts",
    roles: ["admin"],
    async build(ctx, actor) {
      const held = await heldBackNames(ctx.database.db, actor.tenantId);
      const rows =
        held.size === 0
          ? []
          : await ctx.database.db
              .select({ id: users.id, username: users.username, displayName: users.displayName })
              .from(users)
              .where(and(eq(users.tenantId, actor.tenantId), inArray(users.username, [...held.keys()])));
      return {
        key: "locked-accounts",
        total: rows.length,
        items: rows.map((row) =>
          item({
            id: row.id,
            title: `${row.displayName} (${row.username})`,
            due: held.get(row.username)?.toISOString().slice(0, 10) ?? null,
            href: "/users",
            tone: "danger",
          }),
        ),
      };
    },
  },
  {
    key: "users-without-role",
    roles: ["admin"],
    async build(ctx, actor) {
      const rows = await ctx.database.db
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .leftJoin(roleGrants, eq(roleGrants.userId, users.id))
        .where(and(eq(users.tenantId, actor.tenantId), isNull(roleGrants.id), eq(users.disabled, false)));
      return {
        key: "users-without-role",
        total: rows.length,
        items: rows.slice(0, 10).map((row) =>
          item({
            id: row.id,
            title: `${row.displayName} (${row.username})`,
            href: "/users",
            tone: "warning",
          }),
        ),
      };
    },
  },
];
