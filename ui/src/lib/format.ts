// Display helpers: the backend speaks ISO dates, people read dd/mm/yyyy.

/** "2025-09-01" -> "01/09/2025"; anything else is returned as it is. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function fullName(p: { forename: string; surname: string }): string {
  return `${p.forename} ${p.surname}`;
}
