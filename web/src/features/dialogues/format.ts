/** Tag colours of a dialogue's status and a commitment's state. */
export const STATUS_COLORS: Record<string, string> = {
  scheduled: "blue",
  held: "green",
  cancelled: "default",
};

export const STATE_COLORS: Record<string, string> = {
  open: "blue",
  overdue: "red",
  done: "green",
};

export const MODERATION_COLORS: Record<string, string> = {
  pending: "gold",
  published: "green",
  rejected: "default",
};
