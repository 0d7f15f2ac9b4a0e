import { all, byUnit, except, itemIds, type MatrixRow } from "../../test/authz-matrix.ts";

const dialogue = byUnit("dialogues", "host_unit_id");

export const rows: MatrixRow[] = [
  {
    route: "GET /api/dialogues",
    expect: all([200]),
    list: { detail: "GET /api/dialogues/{id}", items: itemIds(), queries: ["?when=past"] },
  },
  {
    route: "GET /api/dialogues/{id}",
    fixture: dialogue,
    expect: except([null, 404], {
      admin: [404],
      dieuphoi: [null, 200],
      "lanhdao.tinh": [200],
      giamsat: [null, 200],
    }),
  },
  { route: "GET /api/commitments", expect: except([200], { admin: [403], baochi: [403] }) },
];
