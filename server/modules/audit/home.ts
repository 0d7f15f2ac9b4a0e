import { eq } from "drizzle-orm";
import { item, type SectionProvider, tr } from "../home/sections.ts";
import { auditHead } from "./tables.ts";

/** The home page: for the administrator, the audit trail's length and head. */
export const auditHomeSections: SectionProvider[] = [
  {
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
  },
];
