// The portal repeats the API's kinds and categories (to keep zod out of its first load): the
// lists must stay equal, and each has its words in both languages.
import { describe, expect, it } from "vitest";
import en from "../../../common/i18n/areas/portal.en.json";
import vi from "../../../common/i18n/areas/portal.vi.json";
import {
  CATEGORY_CODES as API_CATEGORIES,
  PETITION_KINDS,
  PETITION_STATUSES,
} from "../../../common/schemas/petitions.ts";
import { CATEGORY_CODES, PORTAL_KINDS } from "./kinds.ts";

describe("portal kinds and categories", () => {
  it("are the API's", () => {
    expect([...PORTAL_KINDS]).toEqual([...PETITION_KINDS]);
    expect([...CATEGORY_CODES]).toEqual([...API_CATEGORIES]);
  });

  it("have their words in Vietnamese and English, as do the statuses", () => {
    for (const messages of [vi, en]) {
      for (const kind of PORTAL_KINDS) expect(messages.portal.kinds[kind], kind).toBeTruthy();
      for (const code of CATEGORY_CODES) expect(messages.portal.categories[code], code).toBeTruthy();
      for (const status of PETITION_STATUSES) expect(messages.portal.statuses[status], status).toBeTruthy();
    }
  });
});
