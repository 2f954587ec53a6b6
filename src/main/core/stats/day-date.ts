/** A study-day number (days since 1970-01-01 of the date the study day began on) as YYYY-MM-DD. */
export function studyDayDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
