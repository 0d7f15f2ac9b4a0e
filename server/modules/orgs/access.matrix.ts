import { sql } from "drizzle-orm";
import { all, except, itemIds, type MatrixRow, single } from "../../test/authz-matrix.ts";

/** The directory names public bodies: every signed-in official reads all of it. */
const unit = single(
  (f) => sql`SELECT id FROM units WHERE tenant_id = ${f.tenantId} ORDER BY code, id LIMIT 1`,
);
const group = single(
  (f) => sql`SELECT id FROM unit_groups WHERE tenant_id = ${f.tenantId} ORDER BY id LIMIT 1`,
);

export const rows: MatrixRow[] = [
  {
    route: "GET /api/units",
    expect: all([200]),
    list: { detail: "GET /api/units/{id}", items: itemIds(), queries: ["?q=van hoa"] },
  },
  { route: "GET /api/units/tree", expect: all([200]) },
  {
    route: "GET /api/units/export",
    expect: except([403], { admin: [200], dieuphoi: [200], "lanhdao.tinh": [200] }),
  },
  {
    route: "GET /api/units/resolve",
    query: "?mention=S%E1%BB%9F%20N%E1%BB%99i%20v%E1%BB%A5",
    expect: all([200]),
  },
  { route: "GET /api/units/{id}", fixture: unit, expect: all([200]) },
  { route: "GET /api/units/{id}/lineage", fixture: unit, expect: all([200]) },
  { route: "GET /api/unit-groups", expect: all([200]) },
  { route: "GET /api/unit-groups/{id}/members", fixture: group, expect: all([200]) },
  { route: "GET /api/directory/events", expect: all([200]) },
];
