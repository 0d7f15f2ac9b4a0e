import { all, byUnit, except, itemIds, type MatrixRow } from "../../test/authz-matrix.ts";

const consultation = byUnit("consultations", "drafting_unit_id");

export const rows: MatrixRow[] = [
  {
    route: "GET /api/consultations",
    expect: all([200]),
    list: { detail: "GET /api/consultations/{id}", items: itemIds() },
  },
  {
    route: "GET /api/consultations/{id}",
    fixture: consultation,
    expect: except([null, 200], {
      admin: [404],
      dieuphoi: [200],
      "lanhdao.tinh": [200],
      baochi: [null, 404],
    }),
  },
  {
    route: "GET /api/consultations/{id}/report.docx",
    fixture: consultation,
    expect: except([null, 403], {
      admin: [404],
      dieuphoi: [200],
      "lanhdao.tinh": [403],
      baochi: [null, 404],
    }),
  },
];
