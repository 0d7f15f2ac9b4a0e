import { formatDate } from "../../../common/dates.ts";
import type { Locale } from "../../../common/enums.ts";
import type { AppContext } from "../../http/context.ts";
import { addDays } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import type { Actor } from "../auth/actor.ts";
import { closedUnitsOf } from "../auth/closed-units.ts";
import { type Item, type Section, tr } from "./sections.ts";

// A unit in force until 30/6 is abolished from 1/7: the day after its last.

/**
 * "Your unit no longer exists": for someone whose role is on a unit the restructuring closed,
 * the unit, the day it closed, who carries its duties now (the directory's successor links) and
 * what to do. Nothing for everyone else.
 */
export async function closedUnitSection(
  ctx: AppContext,
  actor: Actor,
  _user: unknown,
  locale: Locale,
): Promise<Section | null> {
  const ids = actor.grants.map((grant) => grant.unitId);
  const closed = [...(await closedUnitsOf(ctx.database.db, actor.tenantId, ids, clock.today())).values()];
  if (closed.length === 0) return null;
  const items: Item[] = [];
  for (const unit of closed) {
    const names = unit.successors.map((s) => s.name).join(", ");
    items.push({
      id: `closed-${unit.unitId}`,
      title: tr(
        locale,
        `${unit.unitName} đã chấm dứt hoạt động từ ${formatDate(addDays(unit.closedOn, 1))}`,
        `${unit.unitName} was abolished on ${formatDate(addDays(unit.closedOn, 1))}`,
      ),
      subtitle: unit.successors.length
        ? tr(
            locale,
            `Nhiệm vụ của đơn vị do ${names} tiếp nhận. Việc cần làm: đề nghị quản trị hệ thống chuyển tài khoản của bạn sang đơn vị bạn đang công tác; hồ sơ, báo cáo cũ của đơn vị vẫn xem được.`,
            `Its duties passed to ${names}. What to do: ask the administrator to move your account to the unit you now work for; the unit's past records and reports stay readable.`,
          )
        : tr(
            locale,
            "Đơn vị không có đơn vị kế thừa trong danh mục. Việc cần làm: đề nghị quản trị hệ thống gán tài khoản của bạn cho đơn vị bạn đang công tác.",
            "The directory names no successor. What to do: ask the administrator to give your account a role on the unit you now work for.",
          ),
      due: null,
      href: `/directory?unit=${unit.unitId}`,
      tone: "danger",
    });
    for (const successor of unit.successors)
      items.push({
        id: `successor-${unit.unitId}-${successor.id}`,
        title: successor.name,
        subtitle: tr(locale, `Đơn vị kế thừa của ${unit.unitName}`, `Successor of ${unit.unitName}`),
        due: null,
        href: `/directory?unit=${successor.id}`,
        tone: "normal",
      });
  }
  return { key: "closed-unit", total: closed.length, items };
}
