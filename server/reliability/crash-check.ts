import { openStore, type Store } from "./served-process.ts";

// After a crash run: what the database holds against what the served process acknowledged.

/** What the database holds, against what was acknowledged. */
export async function checkStored(
  store: Store,
  acked: { baseline: number; portal: Map<string, string>; staff: Map<string, string>; assigned: Set<string> },
) {
  const database = await openStore(store);
  try {
    const halfWritten: string[] = [];
    let lost = 0;
    let doubled = 0;
    const total = Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM petitions"))[0].n);
    const keys = [...acked.portal.keys(), ...acked.staff.keys()];
    // Each acknowledged key names one stored petition, through its key row.
    const rows = await database.query<{
      key: string;
      tracking_code: string;
      id: string | null;
      copies: string | number;
    }>(
      `SELECT k.key, k.tracking_code, min(p.id::text) AS id, count(p.id) AS copies
         FROM petition_idempotency k LEFT JOIN petitions p ON p.tracking_code = k.tracking_code
        WHERE k.key = ANY($1::text[]) GROUP BY k.key, k.tracking_code`,
      [keys],
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    for (const [key, code] of acked.portal) {
      const row = byKey.get(key);
      if (!row || row.tracking_code !== code || Number(row.copies) === 0) lost++;
      else if (Number(row.copies) > 1) doubled += Number(row.copies) - 1;
    }
    for (const [key, id] of acked.staff) {
      const row = byKey.get(key);
      if (!row || row.id !== id || Number(row.copies) === 0) lost++;
      else if (Number(row.copies) > 1) doubled += Number(row.copies) - 1;
    }
    // Nothing stored beyond the keys (a retry that made a second petition shows here).
    const added = total - acked.baseline;
    if (added > keys.length) doubled += added - keys.length;
    if (added < keys.length) lost = Math.max(lost, keys.length - added);

    // Every petition added has its "received" event and its audit row; every assignment too.
    const ids = rows.map((row) => row.id).filter((id): id is string => id !== null);
    const checks = await database.query<{
      id: string;
      received: string | number;
      receive_audits: string | number;
      assigned: string | number;
      assign_audits: string | number;
    }>(
      `SELECT p.id,
              (SELECT count(*) FROM petition_events e WHERE e.petition_id = p.id AND e.type = 'received') AS received,
              (SELECT count(*) FROM audit_log a WHERE a.entity_id = p.id::text AND a.action = 'petition.receive') AS receive_audits,
              (SELECT count(*) FROM petition_events e WHERE e.petition_id = p.id AND e.type = 'assigned') AS assigned,
              (SELECT count(*) FROM audit_log a WHERE a.entity_id = p.id::text AND a.action = 'petition.assign') AS assign_audits
         FROM petitions p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const raw of checks) {
      // Counts come back as strings from pg, as numbers from PGlite.
      const [received, receiveAudits, assigned, assignAudits] = [
        raw.received,
        raw.receive_audits,
        raw.assigned,
        raw.assign_audits,
      ].map(Number);
      if (received !== 1 || receiveAudits !== 1)
        halfWritten.push(`${raw.id}: ${received} received events, ${receiveAudits} audit rows`);
      if (assigned !== assignAudits || assigned > 1)
        halfWritten.push(`${raw.id}: ${assigned} assigned events, ${assignAudits} audit rows`);
      if (acked.assigned.has(raw.id) && assigned !== 1) {
        lost++;
        halfWritten.push(`${raw.id}: assignment acknowledged, ${assigned} stored`);
      }
    }
    return { lost, doubled, halfWritten };
  } finally {
    await database.close();
  }
}
