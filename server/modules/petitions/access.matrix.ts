import { all, byUnit, except, itemIds, type MatrixRow } from "../../test/authz-matrix.ts";

const petition = byUnit("petitions", "assigned_unit_id");

export const rows: MatrixRow[] = [
  {
    route: "GET /api/petitions",
    expect: all([200]),
    list: {
      detail: "GET /api/petitions/{id}",
      items: itemIds(),
      queries: ["?q=dat", "?status=answered", "?unassigned=true", "?overdue=true"],
    },
  },
  {
    route: "GET /api/petitions/stats",
    query: "?from=2024-01-01&to=2026-12-31",
    expect: except([200], { admin: [403], baochi: [403] }),
  },
  { route: "GET /api/petitions/clock-rules", expect: all([200]) },
  { route: "GET /api/petitions/notices", expect: all([200]) },
  {
    route: "GET /api/petitions/{id}",
    fixture: petition,
    expect: except([null, 404], {
      admin: [404],
      dieuphoi: [200, 200],
      "canbo.so": [200, 404],
      "lanhdao.so": [200, 404],
      "lanhdao.tinh": [200, 200],
      giamsat: [null, 200],
    }),
  },
  {
    route: "GET /api/petitions/{id}/duplicates",
    fixture: petition,
    expect: except([null, 404], {
      admin: [404],
      dieuphoi: [200, 200],
      "canbo.so": [200, 404],
      "lanhdao.so": [200, 404],
      "lanhdao.tinh": [200, 200],
      giamsat: [null, 200],
    }),
  },
  {
    route: "GET /api/petitions/{id}/routing-suggestions",
    fixture: petition,
    expect: except([null, 404], {
      admin: [404],
      dieuphoi: [200, 200],
      "canbo.so": [200, 404],
      "lanhdao.so": [200, 404],
      "lanhdao.tinh": [200, 200],
      giamsat: [null, 200],
    }),
  },
  {
    route: "GET /api/petitions/{id}/answer/preview",
    fixture: petition,
    expect: except([null, 404], {
      admin: [404],
      dieuphoi: [409, 409],
      "canbo.so": [409, 404],
      "lanhdao.so": [409, 404],
      "lanhdao.tinh": [404, 404],
    }),
  },
];
