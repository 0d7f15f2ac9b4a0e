import { z } from "zod";

/** One line on a role's home page: something to do or to look at today. */
export const HomeItem = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  due: z.string().nullable(),
  /** When it happened (an ISO date), for what is not a deadline: a recent change. */
  date: z.string().nullable().optional(),
  href: z.string().nullable(),
  tone: z.enum(["normal", "warning", "danger", "success"]),
});

/** Sections are named by an i18n key (`home.section.<key>`); `total` may exceed the items shown. */
export const HomeSection = z.object({
  key: z.string(),
  total: z.number().int(),
  items: z.array(HomeItem),
});

export const HomePage = z.object({ sections: z.array(HomeSection) });
export type HomePage = z.infer<typeof HomePage>;
