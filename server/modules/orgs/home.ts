import { and, count, eq, inArray, sql } from "drizzle-orm";
import { clock } from "../../lib/clock.ts";
import { label } from "../../lib/labels.ts";
import { item, type SectionProvider, tr } from "../home/sections.ts";
import { units } from "./tables.ts";

/** The home page: the units one holds a role on, and for the province the directory at a glance. */
export const orgsHomeSections: SectionProvider[] = [
  {
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
  },
  {
    key: "directory-overview",
    roles: ["admin", "coordinator", "leadership"],
    async build(ctx, actor, _user, locale) {
      // The province's day, not the machine's: after 17:00 UTC it is already tomorrow in Vietnam.
      const today = clock.today();
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
  },
];
