import { and, count, desc, or } from "drizzle-orm";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { label } from "../../lib/labels.ts";
import { type SectionProvider, tr } from "../home/sections.ts";
import { dueSoonCondition, listConditions, overdueCondition } from "./list.ts";
import { HOME_ROLES } from "./policy.ts";
import { mineCondition, scopeCondition, scopeFor } from "./scope.ts";
import { assignments } from "./tables.ts";
import { listOrder, toSummaries } from "./views.ts";

/** The home page: a unit's assignments due soon or overdue; the province's overdue ones by unit. */

export const assignmentHomeSections: SectionProvider[] = [
  {
    key: "assignments-due",
    roles: HOME_ROLES.units,
    async build(ctx, actor, _user, locale) {
      const db = ctx.database.db;
      const today = todayInVietnam();
      const scope = await scopeFor(db, actor);
      const where = and(
        ...listConditions(scope, { status: "open" }, today),
        mineCondition(scope),
        or(overdueCondition(today), dueSoonCondition(today)),
      );
      const [{ total }] = await db.select({ total: count() }).from(assignments).where(where);
      const rows = await db
        .select()
        .from(assignments)
        .where(where)
        .orderBy(...listOrder(today))
        .limit(10);
      const items = await toSummaries(db, scope, rows, today);
      return {
        key: "assignments-due",
        total,
        items: items.map((a) => ({
          id: a.id,
          title: `${a.itemCode} · ${a.itemRemoved ? label(locale, "assignments.itemRemoved") : a.itemLabel}`,
          subtitle: `${a.unit.name}${a.occurrence === "once" ? "" : ` · ${a.occurrenceLabel[locale]}`} · ${
            a.overdue ? tr(locale, "quá hạn", "overdue") : tr(locale, "sắp đến hạn", "due soon")
          }`,
          due: a.dueDate,
          href: `/assignments/${a.id}`,
          tone: a.overdue ? ("danger" as const) : ("warning" as const),
        })),
      };
    },
  },

  {
    key: "assignments-overdue",
    roles: HOME_ROLES.province,
    async build(ctx, actor, _user, locale) {
      const db = ctx.database.db;
      const today = todayInVietnam();
      const scope = await scopeFor(db, actor);
      const rows = await db
        .select({ unitId: assignments.unitId, n: count() })
        .from(assignments)
        .where(and(scopeCondition(scope), overdueCondition(today)))
        .groupBy(assignments.unitId)
        .orderBy(desc(count()));
      const total = rows.reduce((sum, row) => sum + row.n, 0);
      return {
        key: "assignments-overdue",
        total,
        items: rows.slice(0, 10).map((row) => ({
          id: row.unitId,
          title: scope.directory.name(row.unitId),
          subtitle: `${row.n} ${tr(locale, "nhiệm vụ quá hạn", "overdue assignments")}`,
          due: null,
          href: `/assignments?unitId=${row.unitId}&due=overdue`,
          tone: "danger" as const,
        })),
      };
    },
  },
];
