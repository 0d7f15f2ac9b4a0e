/** An Idempotency-Key for one submission (8–200 of A-Z a-z 0-9 . _ : -, as the API asks). */
export function newKey(): string {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
