import type { Locale } from "../../../common/enums.ts";
import type { HomePage } from "../../../common/schemas/home.ts";
import type { AppContext } from "../../http/context.ts";
import { lastBackup } from "../../jobs/backup.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { latestEntries } from "../audit/public.ts";
import { type Actor, hasRole, isProvinceWide } from "../auth/actor.ts";
import { listHandoffNotices } from "../notifications/public.ts";
import { unitsAtOrBelow } from "../orgs/public.ts";
import { describeChanges } from "./changes.ts";
import { closedUnitSection } from "./closed-unit.ts";
import { type HomeUser, item, type Section, type SectionProvider, tr } from "./sections.ts";

export type { SectionProvider } from "./sections.ts";

const providers = new Map<string, SectionProvider>();

/**
 * The page's layout: the order of the sections that modules provide. A section not listed here
 * comes after these, in the order the modules are listed (server/modules/index.ts).
 */
const LAYOUT = [
  "closed-unit",
  "account-security",
  "my-units",
  "directory-overview",
  "recent-changes",
  "locked-accounts",
  "users-without-role",
  "audit-integrity",
  "backup-status",
  "waiting-for-you",
];

/** Modules add what their users must do today (from their manifests); registering twice keeps one. */
export function registerHomeSection(provider: SectionProvider) {
  providers.set(provider.key, provider);
}

function ordered(): SectionProvider[] {
  const all = [...providers.values()];
  const rank = (p: SectionProvider) => {
    const at = LAYOUT.indexOf(p.key);
    return at === -1 ? LAYOUT.length : at;
  };
  // Array.prototype.sort is stable: unlisted sections keep the modules' order.
  return all.sort((a, b) => rank(a) - rank(b));
}

export async function buildHome(
  ctx: AppContext,
  actor: Actor,
  user: HomeUser,
  locale: Locale,
): Promise<HomePage> {
  const sections: Section[] = [];
  for (const provider of ordered()) {
    if (provider.roles !== "all" && !hasRole(actor, ...provider.roles)) continue;
    const section = await provider.build(ctx, actor, user, locale);
    if (section) sections.push(section);
  }
  return { sections };
}

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

/** The sections the home page itself gives: they belong to no one module. */
export const homeSections: SectionProvider[] = [
  { key: "closed-unit", roles: "all", build: closedUnitSection },
  {
    key: "recent-changes",
    roles: "all",
    async build(ctx, actor, _user, locale) {
      const db = ctx.database.db;
      // Only changes to the units this user holds a role on, or below them, unless province-wide.
      const unitIds = isProvinceWide(actor)
        ? null
        : await unitsAtOrBelow(db, actor.tenantId, [...new Set(actor.grants.map((g) => g.unitId))]);
      const rows = await latestEntries(db, actor.tenantId, CHANGE_ACTIONS, { unitIds, limit: 8 });
      const changes = await describeChanges(db, actor.tenantId, rows, locale);
      const items = changes.slice(0, 8).map((change) => item(change));
      return { key: "recent-changes", total: items.length, items };
    },
  },
  {
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
  },
  // Work handed to this user and not yet opened: a report to approve or correct, a petition sent
  // to the unit, an answer to approve …: the same notices as the bell.
  {
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
  },
];
