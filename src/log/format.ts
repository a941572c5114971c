/** How durations read in every message, log line and summary: seconds with one decimal, "2.5 s". */
export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
