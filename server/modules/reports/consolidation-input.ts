// What consolidating a period needs, loaded from the accepted unit reports (`loadConsolidationInput`
// in this module) and turned into the provincial report (`consolidate/`). Both sides code to this.

export type IndicatorAggregation = "sum" | "average" | "latest";

export type ConsolidationIndicator = {
  code: string;
  name: string;
  /** unit of measure: "buổi", "lượt người", "tin, bài" … */
  unit: string;
  aggregation: IndicatorAggregation;
};

export type ConsolidationReport = {
  unitId: string;
  unitName: string;
  unitType: string;
  /** the accepted revision's number (1 for a report accepted as first sent) */
  revision: number;
  submittedAt: Date;
  /** sent after the deadline */
  late: boolean;
  /** the narrative per plan heading ("II.1" …), in the plan's order */
  sections: { headingCode: string; text: string }[];
  /** indicator code → value; absent or null when the unit does not report it */
  values: Record<string, number | null>;
  difficulties: string;
  proposals: string;
};

export type ConsolidationEscalation = {
  title: string;
  raisedBy: string;
  owner: string;
  dueOn: string | null;
  status: "open" | "decided" | "closed";
  decision: string | null;
};

export type ConsolidationInput = {
  plan: {
    id: string;
    /** "Kế hoạch số 181/KH-UBND ngày … thực hiện Nghị quyết số 43-NQ/TW …" */
    title: string;
    number: string | null;
    issuedOn: string | null;
    /** the plan's headings to report under, in order: { code: "II.1", title: "…" } */
    headings: { code: string; title: string }[];
  };
  period: { key: string; label: string; from: string; to: string; deadline: string };
  /** who issues the provincial report: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", its place name … */
  issuer: {
    name: string;
    place: string;
    shortName: string;
    /** the issuer from a day on, where it was renamed or merged after the period's deadline */
    since?: { from: string; name: string; place: string }[];
  };
  indicators: ConsolidationIndicator[];
  /** accepted reports only */
  reports: ConsolidationReport[];
  /** units expected to report that have no accepted report */
  missing: { unitId: string; unitName: string; status: "none" | "draft" | "sent" | "returned" }[];
  escalations: ConsolidationEscalation[];
};
