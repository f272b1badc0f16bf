/** The instant a calendar day (YYYY-MM-DD) begins in a time zone. */
export function localMidnight(day: string, timeZone: string): Date {
  const guess = new Date(`${day}T00:00:00.000Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(guess);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return new Date(guess.getTime() - (asUtc - guess.getTime()));
}
