import { currentLocale } from "./i18n.ts";

/** The server's refusal: `{error: {code, message, field?}}`, with the retry time of a 429. */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {}

export async function request<T>(
  url: string,
  options: { method?: string; body?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { "accept-language": currentLocale(), ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
  } catch {
    throw new NetworkError("network");
  }
  if (response.ok) return (await response.json()) as T;
  let error: { code?: string; message?: string; field?: string } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: a proxy's page
  }
  const retry = Number(response.headers.get("retry-after"));
  throw new PortalApiError(
    response.status,
    error.code ?? `http_${response.status}`,
    error.message ?? response.statusText,
    error.field ?? null,
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
}

export interface PublicHeading {
  code: string;
  label: string;
  section: string | null;
  progress: number | null;
  tasks: number;
  counts: {
    completed_on_time: number;
    completed_late: number;
    open_within_deadline: number;
    open_overdue: number;
  };
}

export interface PublicPlan {
  id: string;
  title: string;
  type: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  summary: string | null;
  progress: number | null;
  tasks: number;
  counts: PublicHeading["counts"];
  headings: PublicHeading[];
}

export interface Commune {
  id: string;
  name: string;
  folded: string;
}

export interface PublicClock {
  purpose: string;
  startsFrom: string;
  startDate: string;
  dueDate: string;
  unit: "working-days" | "calendar-days";
  days: number;
  basis: string;
  status: "running" | "met" | "stopped";
  metDate: string | null;
  overdue: boolean;
}

export interface PetitionView {
  trackingCode: string;
  kind: string;
  category: string | null;
  commune: string | null;
  receivedDate: string;
  status: string;
  handlingUnit: string | null;
  clocks: PublicClock[];
  timeline: { at: string; type: string; fromUnit: string | null; toUnit: string | null }[];
  answer: { text: string; publishedAt: string } | null;
  closeReason: string | null;
  rating: { score: number; at: string } | null;
  followUp: { resolved: boolean; at: string } | null;
}

export interface PublicAnswer {
  /** The petition's public id (never its tracking code, which stays the citizen's key). */
  id: string;
  kind: string;
  category: string | null;
  commune: string | null;
  handlingUnit: string | null;
  receivedDate: string;
  answeredAt: string;
  question: string;
  answer: string;
  rating: number | null;
}

export interface PublicCommitment {
  id: string;
  dialogueId: string;
  dialogueTitle: string;
  text: string;
  ownerUnit: string;
  dueDate: string;
  state: "open" | "overdue" | "done";
  closingNote: string | null;
  closedAt: string | null;
}

export interface PublicDialogue {
  id: string;
  title: string;
  topic: string;
  leader: string;
  place: string;
  startsAt: string;
  status: "scheduled" | "held" | "cancelled";
  hostUnit: string;
  communes: string[];
  acceptsQuestions: boolean;
  publishedQuestions: number;
}

export interface PublicDialogueDetail extends PublicDialogue {
  minutes: string | null;
  questions: { id: string; text: string; answer: string | null; submittedAt: string }[];
  commitments: PublicCommitment[];
}

export interface PublicConsultation {
  id: string;
  title: string;
  summary: string;
  draftingUnit: string;
  opensOn: string;
  closesOn: string;
  phase: "upcoming" | "open" | "closed";
  publishedComments: number;
}

export interface PublicConsultationDetail extends PublicConsultation {
  sections: {
    id: string;
    position: number;
    heading: string;
    text: string;
    comments: {
      id: string;
      authorKind: "citizen" | "unit" | "front";
      authorName: string | null;
      text: string;
      submittedAt: string;
      response: { result: "accepted" | "partly" | "not_accepted"; explanation: string; at: string } | null;
    }[];
  }[];
}
