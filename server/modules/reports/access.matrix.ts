import { sql } from "drizzle-orm";
import { all, byUnit, except, itemIds, type MatrixRow, single } from "../../test/authz-matrix.ts";

const plan = single(
  (f) =>
    sql`SELECT id AS "planId" FROM plans WHERE tenant_id = ${f.tenantId} AND parent_plan_id IS NULL ORDER BY id LIMIT 1`,
);
const period = single(
  (f) => sql`SELECT id FROM report_periods WHERE tenant_id = ${f.tenantId} ORDER BY deadline, id LIMIT 1`,
);
const report = byUnit("reports", "unit_id");
const escalation = byUnit("escalations", "unit_id");

export const rows: MatrixRow[] = [
  { route: "GET /api/reporting/plans/{planId}/form", fixture: plan, expect: all([200]) },
  { route: "GET /api/reporting/plans/{planId}/schedules", fixture: plan, expect: all([200]) },
  { route: "GET /api/reporting/plans/{planId}/periods", fixture: plan, expect: all([200]) },
  { route: "GET /api/reporting/periods/{id}", fixture: period, expect: all([200]) },
  {
    route: "GET /api/reporting/periods/{id}/urging-letters",
    fixture: period,
    expect: except([403], { dieuphoi: [200], "lanhdao.tinh": [200] }),
  },
  {
    route: "GET /api/reports",
    expect: all([200]),
    list: { detail: "GET /api/reports/{id}", items: itemIds(), queries: ["?status=accepted&offset=20"] },
  },
  {
    route: "GET /api/reports/{id}",
    fixture: report,
    expect: except([200, 404], {
      admin: [200],
      dieuphoi: [200, 200],
      "lanhdao.tinh": [200],
      giamsat: [null, 200],
      baochi: [null, 404],
    }),
  },
  {
    route: "GET /api/reports/{id}/diff",
    fixture: report,
    query: "?from=1&to=1",
    expect: except([200, 404], {
      admin: [200],
      dieuphoi: [200, 200],
      "lanhdao.tinh": [200],
      giamsat: [null, 200],
      baochi: [null, 404],
    }),
  },
  { route: "GET /api/reporting/notices", expect: all([200]) },
  {
    route: "GET /api/escalations",
    expect: all([200]),
    list: { detail: "GET /api/escalations/{id}", items: itemIds() },
  },
  {
    route: "GET /api/escalations/{id}",
    fixture: escalation,
    expect: except([null, 404], {
      admin: [200],
      dieuphoi: [null, 200],
      "lanhdao.tinh": [200],
      giamsat: [null, 200],
    }),
  },
  {
    route: "GET /api/reporting/consolidations",
    expect: except([403], { admin: [200], dieuphoi: [200], "lanhdao.tinh": [200], giamsat: [200] }),
  },
];
