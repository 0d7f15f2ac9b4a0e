import { sql } from "drizzle-orm";
import { all, except, itemIds, type MatrixRow, single } from "../../test/authz-matrix.ts";

/** The demo's one provincial plan, published: every official reads it. */
const plan = single(
  (f) =>
    sql`SELECT id FROM plans WHERE tenant_id = ${f.tenantId} AND parent_plan_id IS NULL ORDER BY id LIMIT 1`,
);
const versions = single(
  (
    f,
  ) => sql`SELECT p.id, '1' AS a, max(v.version)::text AS b FROM plans p JOIN plan_versions v ON v.plan_id = p.id
             WHERE p.tenant_id = ${f.tenantId} AND p.parent_plan_id IS NULL GROUP BY p.id ORDER BY p.id LIMIT 1`,
);

export const rows: MatrixRow[] = [
  { route: "GET /api/plans", expect: all([200]), list: { detail: "GET /api/plans/{id}", items: itemIds() } },
  { route: "GET /api/plans/{id}", fixture: plan, expect: all([200]) },
  { route: "GET /api/plans/{id}/tree", fixture: plan, expect: all([200]) },
  { route: "GET /api/plans/{id}/source", fixture: plan, expect: all([200]) },
  {
    route: "GET /api/plans/{id}/edits",
    fixture: plan,
    expect: except([403], { admin: [200], dieuphoi: [200] }),
  },
  {
    route: "GET /api/plans/{id}/mentions",
    fixture: plan,
    expect: except([403], { admin: [200], dieuphoi: [200] }),
  },
  {
    route: "GET /api/plans/{id}/publish-check",
    fixture: plan,
    expect: except([403], { admin: [200], dieuphoi: [200] }),
  },
  { route: "GET /api/plans/{id}/versions", fixture: plan, expect: all([200]) },
  { route: "GET /api/plans/{id}/versions/{a}/diff/{b}", fixture: versions, expect: all([200]) },
  { route: "GET /api/plans/{id}/links", fixture: plan, expect: all([200]) },
  { route: "GET /api/plans/{id}/children", fixture: plan, expect: all([200]) },
  { route: "GET /api/plans/{id}/sub-plan-status", fixture: plan, expect: all([200]) },
];
