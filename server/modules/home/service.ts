import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Locale, Role } from "../../../common/enums.ts";
import type { HomePage } from "../../../common/schemas/home.ts";
import { queryRows } from "../../db/connection.ts";
import type { AppContext } from "../../http/context.ts";
import { lastBackup } from "../../jobs/backup.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { label } from "../../lib/labels.ts";
import { auditHead, auditLog } from "../audit/tables.ts";
import { type Actor, hasRole, isProvinceWide } from "../auth/actor.ts";
import { roleGrants, users } from "../auth/tables.ts";
import { heldBackNames } from "../auth/throttle.ts";
import { listHandoffNotices } from "../notifications/public.ts";
import { units } from "../orgs/tables.ts";
import { describeChanges } from "./changes.ts";
import { closedUnitSection } from "./closed-unit.ts";

type Section = HomePage["sections"][number];

type Item = Section["items"][number];

interface SectionProvider {
  key: string;
  /** Who sees it: roles, or "all" for every signed-in user. */
  roles: Role[] | "all";
  build(ctx: AppContext, actor: Actor, user: HomeUser, locale: Locale): Promise<Section | null>;
}

interface HomeUser {
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

const providers: SectionProvider[] = [];
const tr = (locale: Locale, vi: string, en: string) => (locale === "en" ? en : vi);

/** Modules add what their users must do today; the home page shows what applies to the role. */
export function registerHomeSection(provider: SectionProvider) {
  providers.push(provider);
}

const item = (partial: Partial<Item> & Pick<Item, "id" | "title">): Item => ({
  subtitle: null,
  due: null,
  href: null,
  tone: "normal",
  ...partial,
});

export async function buildHome(
  ctx: AppContext,
  actor: Actor,
  user: HomeUser,
  locale: Locale,
): Promise<HomePage> {
  const sections: Section[] = [];
  for (const provider of providers) {
    if (provider.roles !== "all" && !hasRole(actor, ...provider.roles)) continue;
    const section = await provider.build(ctx, actor, user, locale);
    if (section) sections.push(section);
  }
  return { sections };
}

registerHomeSection({ key: "closed-unit", roles: "all", build: closedUnitSection });

registerHomeSection({
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
});

registerHomeSection({
  key: "my-units",
  roles: "all",
  async build(ctx, actor, _user, locale) {
    const ids = [...new Set(actor.grants.map((grant) => grant.unitId))];
    if (ids.length === 0) return { key: "my-units", total: 0, items: [] };
    const rows = await ctx.database.db
      .select({ id: units.id, name: units.name, type: units.type })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), inArray(units.id, ids)));
    const children = await ctx.database.db
      .select({ parentId: units.parentId, n: count() })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), inArray(units.parentId, ids)))
      .groupBy(units.parentId);
    return {
      key: "my-units",
      total: rows.length,
      items: rows.map((row) => {
        const roles = actor.grants.filter((grant) => grant.unitId === row.id).map((grant) => grant.role);
        const sub = children.find((c) => c.parentId === row.id)?.n ?? 0;
        return item({
          id: row.id,
          title: row.name,
          subtitle: `${roles.map((role) => label(locale, `role.${role}`)).join(", ")}${sub ? ` · ${sub} ${tr(locale, "đơn vị trực thuộc", "sub-units")}` : ""}`,
          href: `/directory?unit=${row.id}`,
        });
      }),
    };
  },
});

registerHomeSection({
  key: "directory-overview",
  roles: ["admin", "coordinator", "leadership"],
  async build(ctx, actor, _user, locale) {
    const today = clock.now().toISOString().slice(0, 10);
    const rows = await ctx.database.db
      .select({ type: units.type, n: count() })
      .from(units)
      .where(
        and(
          eq(units.tenantId, actor.tenantId),
          sql`(${units.validFrom} IS NULL OR ${units.validFrom} <= ${today})`,
          sql`(${units.validTo} IS NULL OR ${units.validTo} >= ${today})`,
        ),
      )
      .groupBy(units.type);
    return {
      key: "directory-overview",
      total: rows.length,
      items: rows
        .sort((a, b) => b.n - a.n)
        .map((row) =>
          item({
            id: row.type,
            title: label(locale, `unitType.${row.type}`),
            subtitle: String(row.n),
            href: `/directory?type=${row.type}`,
          }),
        ),
    };
  },
});

/** What "recent changes" tells: the organisation, plans and reports moving, not every save. */
const CHANGE_ACTIONS = [
  "unit.create",
  "unit.update",
  "unit.delete",
  "unit_group.create",
  "unit_group.update",
  "unit_group.delete",
  "directory.event",
  "assignments.transfer",
  "plan.publish",
  "plan.amendment.open",
  "report.send",
  "report.receive",
  "report.accept",
  "report.return",
];

registerHomeSection({
  key: "recent-changes",
  roles: "all",
  async build(ctx, actor, _user, locale) {
    const conditions = [eq(auditLog.tenantId, actor.tenantId), inArray(auditLog.action, CHANGE_ACTIONS)];
    if (!isProvinceWide(actor)) {
      // Only changes to the units this user holds a role on, or below them: the units themselves,
      // their reports, and the restructurings that closed them or made them successors.
      const scoped = await queryRows<{ id: string }>(
        ctx.database.db,
        sql`
        WITH RECURSIVE scope AS (
          SELECT id FROM units WHERE id IN (SELECT unit_id FROM role_grants WHERE user_id = ${actor.userId})
          UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id
        ) SELECT id::text FROM scope`,
      );
      const ids = scoped.map((row) => row.id);
      if (ids.length === 0) return { key: "recent-changes", total: 0, items: [] };
      const list = sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      conditions.push(sql`(
        (${auditLog.entityType} = 'unit' AND ${auditLog.entityId} IN (SELECT id::text FROM units WHERE id IN (${list})))
        OR (${auditLog.entityType} = 'report' AND ${auditLog.entityId} IN (SELECT id::text FROM reports WHERE unit_id IN (${list})))
        OR (${auditLog.entityType} = 'unit_event' AND ${auditLog.entityId} IN (
          SELECT event_id::text FROM unit_successions WHERE predecessor_id IN (${list}) OR successor_id IN (${list})))
      )`);
    }
    const rows = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.seq))
      .limit(8);
    const changes = await describeChanges(ctx.database.db, actor.tenantId, rows, locale);
    const items = changes.slice(0, 8).map((change) => item(change));
    return { key: "recent-changes", total: items.length, items };
  },
});

registerHomeSection({
  key: "locked-accounts",
  roles: ["admin"],
  async build(ctx, actor, _user, _locale) {
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
});

registerHomeSection({
  key: "users-without-role",
  roles: ["admin"],
  async build(ctx, actor, _user, _locale) {
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
});

registerHomeSection({
  key: "audit-integrity",
  roles: ["admin"],
  async build(ctx, actor, _user, locale) {
    const [head] = await ctx.database.db
      .select()
      .from(auditHead)
      .where(eq(auditHead.tenantId, actor.tenantId));
    return {
      key: "audit-integrity",
      total: 1,
      items: [
        item({
          id: "verify",
          title: `${head?.seq ?? 0} ${tr(locale, "bản ghi nhật ký", "audit entries")}`,
          subtitle: head?.hash.slice(0, 16) ?? null,
          href: "/audit",
        }),
      ],
    };
  },
});

registerHomeSection({
  key: "backup-status",
  roles: ["admin"],
  async build(ctx, _actor, _user, locale) {
    if (ctx.database.engine !== "pglite") return null;
    const last = await lastBackup(ctx.config);
    const stale = !last || clock.nowMs() - new Date(last.at).getTime() > 36 * 3600_000;
    return {
      key: "backup-status",
      total: last ? 1 : 0,
      items: [
        item({
          id: "last-backup",
          title: last
            ? `${last.file.split("/").pop()} · ${Math.round(last.bytes / 1024)} KB`
            : tr(locale, "Chưa có bản sao lưu", "No backup yet"),
          due: last ? todayInVietnam(new Date(last.at)) : null,
          tone: stale ? "warning" : "success",
        }),
      ],
    };
  },
});

// Work handed to this user and not yet opened: a report to approve or correct, a petition sent to
// the unit, an answer to approve …: the same notices as the bell.
registerHomeSection({
  key: "waiting-for-you",
  roles: "all",
  async build(ctx, actor, _user, locale) {
    const { items, unread } = await listHandoffNotices(
      ctx.database.db,
      actor.tenantId,
      actor.userId,
      locale,
      {
        unreadOnly: true,
        limit: 8,
      },
    );
    return {
      key: "waiting-for-you",
      total: unread,
      items: items.map((notice) =>
        item({
          id: notice.id,
          title: notice.title,
          href: notice.link,
          tone: notice.kind.endsWith("returned") || notice.kind.endsWith("overdue") ? "warning" : "normal",
        }),
      ),
    };
  },
});
