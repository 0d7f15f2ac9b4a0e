import { Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/dates.ts";
import type { Task } from "./api.ts";
import { RoleTag } from "./labels.tsx";

type ActorUnit = Task["actors"][number]["units"][number];

/**
 * “Sở Thông tin và Truyền thông → từ 01/03/2025: Sở Khoa học và Công nghệ”: the plan names the
 * unit as it was; who carries its duties since is shown beside it, never written over it.
 */
export function SuccessionLine({ unit }: { unit: ActorUnit }) {
  const { t } = useTranslation();
  if (!unit.validTo || unit.carriers.length === 0) return <span>{unit.name}</span>;
  return (
    <span className="asg-succession">
      {unit.carriers.map((path) => (
        <span key={path.map((s) => s.unitId).join(">")} className="asg-succession-path">
          <span>{unit.name}</span>
          {path.map((step) => (
            <span key={`${step.unitId}-${step.since}`} title={step.eventTitle}>
              {" → "}
              {t("assignments.fromDate", { date: formatDate(step.since) })}: {step.name}
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

/** A mention resolving to this many units or fewer lists them (with their successors) at once. */
const ACTORS_SHOWN = 3;

/** One mention of the plan and the units it resolved to: a few at once, a longer list on request. */
export function ActorLine({ actor }: { actor: Task["actors"][number] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const few = actor.units.length <= ACTORS_SHOWN;
  const shown = all || few ? actor.units : [];
  return (
    <li>
      <RoleTag role={actor.role} /> <q>{actor.mention}</q>
      {shown.length > 0 && (
        <ul>
          {shown.map((u) => (
            <li key={u.id}>
              <SuccessionLine unit={u} />
            </li>
          ))}
        </ul>
      )}
      {!few && (
        <Button
          type="link"
          size="small"
          className="asg-inline-link"
          style={{ marginInlineStart: 8 }}
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? t("assignments.hideHistory") : t("assignments.showAllActors", { count: actor.units.length })}
        </Button>
      )}
    </li>
  );
}
