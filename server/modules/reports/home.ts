import { and, asc, count, eq, gte, inArray, lte } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import { addDays, todayInVietnam } from "../../lib/calendar/index.ts";
import { label } from "../../lib/labels.ts";
import { hasRole } from "../auth/actor.ts";
import type { SectionProvider } from "../home/sections.ts";
import { accessFor } from "./access.ts";
import { escalations, reportPeriods, reports } from "./tables.ts";

/**
 * The home page: a leader's reports waiting for approval ("báo cáo chờ duyệt"), a unit's
 * periods coming due that it has not sent ("kỳ báo cáo sắp đến hạn"), and the coordinator's
 * sent reports waiting to be received or accepted, and the open escalations for the coordinator
 * and the provincial leadership.
 */

const t = (locale: Locale, key: string, params: Record<string, string | number> = {}) =>
  label(locale, `reports.home.${key}`).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));

/** How far ahead a coming deadline shows on the home page. */
export const DUE_SOON_DAYS = 30;

export const reportHomeSections: SectionProvider[] = [
  {
    key: "reports-approval",
    roles: ["unit_leader"],
    async build(ctx, actor, _user, locale) {
      const db = ctx.database.db;
      const access = await accessFor(db, actor);
      const grants = new Set(actor.grants.filter((g) => g.role === "unit_leader").map((g) => g.unitId));
      const units = access.directory.ids.filter((id) =>
        access.directory.ancestors(id).some((a) => grants.has(a)),
      );
      if (units.length === 0) return { key: "reports-approval", total: 0, items: [] };
      const rows = await db
        .select({ report: reports, period: reportPeriods })
        .from(reports)
        .innerJoin(reportPeriods, eq(reportPeriods.id, reports.periodId))
        .where(
          and(
            eq(reports.tenantId, actor.tenantId),
            eq(reports.status, "pending_approval"),
            inArray(reports.unitId, units),
          ),
        )
        .orderBy(asc(reportPeriods.deadline));
      return {
        key: "reports-approval",
        total: rows.length,
        items: rows.slice(0, 10).map(({ report, period }) => ({
          id: report.id,
          title: `${locale === "en" ? period.labelEn : period.labelVi} · ${access.directory.name(report.unitId)}`,
          subtitle: t(locale, "waitingApproval"),
          due: period.deadline,
          href: `/reports/${report.id}`,
          tone: period.deadline < todayInVietnam() ? ("danger" as const) : ("warning" as const),
        })),
      };
    },
  },

  {
    key: "reports-due",
    roles: ["unit_officer", "unit_leader", "coordinator", "media", "supervisor"],
    async build(ctx, actor, _user, locale) {
      const db = ctx.database.db;
      const today = todayInVietnam();
      const access = await accessFor(db, actor);
      const grants = new Set(actor.grants.map((g) => g.unitId));
      const mine = new Set(
        access.directory.ids.filter((id) => access.directory.ancestors(id).some((a) => grants.has(a))),
      );
      const periods = await db
        .select()
        .from(reportPeriods)
        .where(
          and(
            eq(reportPeriods.tenantId, actor.tenantId),
            gte(reportPeriods.deadline, addDays(today, -DUE_SOON_DAYS)),
            lte(reportPeriods.deadline, addDays(today, DUE_SOON_DAYS)),
          ),
        )
        .orderBy(asc(reportPeriods.deadline));
      const items = [];
      for (const period of periods) {
        const units = period.unitIds.filter((id) => mine.has(id));
        if (units.length === 0) continue;
        const sent = new Set(
          (
            await db
              .select({ unitId: reports.unitId, firstSentAt: reports.firstSentAt })
              .from(reports)
              .where(and(eq(reports.periodId, period.id), inArray(reports.unitId, units)))
          )
            .filter((r) => r.firstSentAt)
            .map((r) => r.unitId),
        );
        for (const unitId of units) {
          if (sent.has(unitId)) continue;
          const overdue = period.deadline < today;
          items.push({
            id: `${period.id}:${unitId}`,
            title: `${locale === "en" ? period.labelEn : period.labelVi} · ${access.directory.name(unitId)}`,
            subtitle: t(locale, overdue ? "overdue" : "dueSoon"),
            due: period.deadline,
            href: `/reporting/periods/${period.id}?unitId=${unitId}`,
            tone: overdue ? ("danger" as const) : ("warning" as const),
          });
        }
      }
      return { key: "reports-due", total: items.length, items: items.slice(0, 10) };
    },
  },

  {
    key: "escalations-open",
    roles: ["coordinator", "leadership"],
    async build(ctx, actor, _user, locale) {
      const db = ctx.database.db;
      const today = todayInVietnam();
      const access = await accessFor(db, actor);
      const rows = await db
        .select()
        .from(escalations)
        .where(and(eq(escalations.tenantId, actor.tenantId), eq(escalations.status, "open")))
        .orderBy(asc(escalations.dueOn), asc(escalations.createdAt));
      return {
        key: "escalations-open",
        total: rows.length,
        items: rows.slice(0, 10).map((row) => ({
          id: row.id,
          title: row.title,
          subtitle: `${access.directory.name(row.unitId)} · ${t(locale, row.kind === "proposal" ? "proposal" : "difficulty")}`,
          due: row.dueOn,
          href: `/escalations/${row.id}`,
          tone: row.dueOn && row.dueOn < today ? ("danger" as const) : ("warning" as const),
        })),
      };
    },
  },

  {
    key: "reports-review",
    roles: ["coordinator"],
    async build(ctx, actor, _user, locale) {
      if (!hasRole(actor, "coordinator")) return null;
      const db = ctx.database.db;
      const rows = await db
        .select({ periodId: reports.periodId, status: reports.status, n: count() })
        .from(reports)
        .where(and(eq(reports.tenantId, actor.tenantId), inArray(reports.status, ["sent", "received"])))
        .groupBy(reports.periodId, reports.status);
      if (rows.length === 0) return { key: "reports-review", total: 0, items: [] };
      const periods = await db
        .select()
        .from(reportPeriods)
        .where(inArray(reportPeriods.id, [...new Set(rows.map((r) => r.periodId))]));
      const items = periods.map((period) => {
        const n = rows.filter((r) => r.periodId === period.id).reduce((sum, r) => sum + r.n, 0);
        return {
          id: period.id,
          title: locale === "en" ? period.labelEn : period.labelVi,
          subtitle: t(locale, "toReview", { count: n }),
          due: period.deadline,
          href: `/reporting/periods/${period.id}`,
          tone: "normal" as const,
        };
      });
      return { key: "reports-review", total: rows.reduce((s, r) => s + r.n, 0), items };
    },
  },
];
