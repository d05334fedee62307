/*
 * Wall-clock time in the Netherlands: what a person means by "3-12-2026 09:30" typed without an offset.
 * The offset of Europe/Amsterdam (CET/CEST) comes from the platform's time-zone data (Intl), so summer
 * time rules are not copied here. Pure: no clock, no I/O.
 */
const ZONE = 'Europe/Amsterdam';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

/** The zone's offset from UTC, in minutes, at the moment `epochMs`. */
function offsetMinutesAt(epochMs: number): number {
  const name = offsetFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The ISO 8601 timestamp, with Amsterdam's offset then, of a wall-clock time there. A time in the hour
 * skipped in spring is read with the offset before the change; one in the hour repeated in autumn as the
 * first of the two.
 */
export function amsterdamTimestamp(date: string, hours: number, minutes: number, seconds = 0): string {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  // The offsets in force a few hours either side; a transition never comes twice within a day.
  const earlier = offsetMinutesAt(wall - 6 * 3_600_000);
  const later = offsetMinutesAt(wall + 6 * 3_600_000);
  const fits = [earlier, later].filter((o) => offsetMinutesAt(wall - o * 60_000) === o);
  // Repeated hour: both fit, the first (summer) offset is larger. Skipped hour: none fits, take the earlier.
  const offset = fits.length === 0 ? earlier : Math.max(...fits);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day in the Netherlands (YYYY-MM-DD) of an ISO timestamp: 23:30 UTC on 31 December is 1 January there. */
export function amsterdamDateOf(timestamp: string): string {
  return dateFormat.format(new Date(timestamp));
}
