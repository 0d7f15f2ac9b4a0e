import { sql } from "drizzle-orm";
import {
  all,
  byUnit,
  except,
  itemIds,
  type MatrixRow,
  type Params,
  single,
} from "../../test/authz-matrix.ts";

const plan = single(
  (f) =>
    sql`SELECT id FROM plans WHERE tenant_id = ${f.tenantId} AND parent_plan_id IS NULL ORDER BY id LIMIT 1`,
);
const assignment = byUnit("assignments", "unit_id");
const task = single(
  // The task with the most assignments, so that its page lists units in and out of every scope.
  (f) => sql`SELECT plan_id AS id, item_code AS code FROM assignments WHERE tenant_id = ${f.tenantId}
             GROUP BY plan_id, item_code ORDER BY count(*) DESC, item_code LIMIT 1`,
);

const detail = "GET /api/assignments/{id}";

export const rows: MatrixRow[] = [
  {
    route: "GET /api/assignments",
    expect: all([200]),
    list: { detail, items: itemIds(), queries: ["?status=open_overdue", "?offset=200"] },
  },
  { route: "GET /api/assignments/summary", expect: all([200]) },
  {
    route: "GET /api/assignments/{id}",
    fixture: assignment,
    expect: except([200, 404], {
      admin: [200],
      dieuphoi: [200, 200],
      "lanhdao.tinh": [200, 200],
      giamsat: [200, 200],
    }),
  },
  {
    route: "GET /api/assignments/{id}/updates",
    fixture: assignment,
    expect: except([200, 404], {
      admin: [200],
      dieuphoi: [200, 200],
      "lanhdao.tinh": [200, 200],
      giamsat: [200, 200],
    }),
  },
  {
    route: "GET /api/plans/{id}/tasks/{code}",
    fixture: task,
    expect: all([200]),
    list: {
      detail,
      items: (body) =>
        ((body as { assignments: { id: string }[] }).assignments ?? []).map((a): Params => ({ id: a.id })),
    },
  },
  { route: "GET /api/plans/{id}/matrix", fixture: plan, expect: all([200]) },
  { route: "GET /api/plans/{id}/progress", fixture: plan, expect: all([200]) },
];
