/** Tag colours of a consultation's phase and a response's result. */
export const PHASE_COLORS: Record<string, string> = {
  draft: "default",
  upcoming: "blue",
  open: "green",
  closed: "purple",
};

export const RESULT_COLORS: Record<string, string> = {
  accepted: "green",
  partly: "gold",
  not_accepted: "red",
};
