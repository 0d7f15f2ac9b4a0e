import type { Locale, Role } from "../../../common/enums.ts";
import type { HomePage } from "../../../common/schemas/home.ts";
import type { AppContext } from "../../http/context.ts";
import type { Actor } from "../auth/actor.ts";

// What a module gives the home page: sections, each built from the module's own data for the
// signed-in person. A module lists its sections in its manifest (`homeSections` in its index.ts).

export type Section = HomePage["sections"][number];
export type Item = Section["items"][number];

export interface HomeUser {
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

export interface SectionProvider {
  key: string;
  /** Who sees it: roles, or "all" for every signed-in user. */
  roles: Role[] | "all";
  /** The section for this person, or null when it has nothing to say to them. Never writes. */
  build(ctx: AppContext, actor: Actor, user: HomeUser, locale: Locale): Promise<Section | null>;
}

export const tr = (locale: Locale, vi: string, en: string) => (locale === "en" ? en : vi);

export const item = (partial: Partial<Item> & Pick<Item, "id" | "title">): Item => ({
  subtitle: null,
  due: null,
  href: null,
  tone: "normal",
  ...partial,
});
