/**
 * Where the review loop's time goes: a Chrome performance trace (over CDP) of a run of answers, cut
 * into what the page does for each key "3" on its main thread: the key press itself (React's render
 * and commit, the effects it runs, any style or layout forced in it), and the frame that follows
 * (style, layout, pre-paint, paint, commit to the compositor). Times under tracing run longer than
 * without it; compare them with each other, not with the probe's figures.
 *
 * Used by review-loop-bench.ts with `--trace`.
 */
import type { Page } from '@playwright/test';
import { median, percentile } from './stats';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string; url?: string } };
}

const FRAME_PHASES = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit'] as const;

/** Record a trace while `run` drives the page, and summarise each answer's key press and frame (p50/p95, ms). */
export async function traceAnswers(page: Page, run: () => Promise<void>): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink', 'cc'] }, transferMode: 'ReportEvents' });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  return summarise(events);
}

function summarise(events: TraceEvent[]): string {
  const keydowns = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').sort((a, b) => a.ts - b.ts);
  const first = keydowns[0];
  if (!first) return 'trace: no key presses recorded';
  // A rating's key press is the last one before its answer request (sent once the next card is painted).
  const requests = events.filter((e) => e.name === 'ResourceSendRequest' && /review\.answer/.test(e.args?.data?.url ?? '')).map((e) => e.ts);
  const ratings = requests
    .map((t) => keydowns.filter((k) => k.ts < t && k.ts > t - 80_000).pop())
    .filter((k): k is TraceEvent => k !== undefined);
  const main = events.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const within = (from: number, to: number, name: string) =>
    main.filter((e) => e.name === name && e.ts >= from && e.ts + (e.dur ?? 0) <= to).reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
  const rows: Record<string, number[]> = { 'key press': [], 'style forced in it': [], 'layout forced in it': [], frame: [] };
  for (const phase of FRAME_PHASES) rows[`frame: ${phase}`] = [];
  for (const key of ratings) {
    const end = key.ts + (key.dur ?? 0);
    const frame = main.find((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ts >= end - 1);
    rows['key press']!.push((key.dur ?? 0) / 1000);
    rows['style forced in it']!.push(within(key.ts, end, 'UpdateLayoutTree'));
    rows['layout forced in it']!.push(within(key.ts, end, 'Layout'));
    if (!frame) continue;
    const frameEnd = frame.ts + (frame.dur ?? 0);
    rows.frame!.push((frame.dur ?? 0) / 1000);
    for (const phase of FRAME_PHASES) rows[`frame: ${phase}`]!.push(within(frame.ts, frameEnd, phase));
  }
  const parts = Object.entries(rows)
    .filter(([, xs]) => xs.length > 0)
    .map(([name, xs]) => `${name} ${median(xs).toFixed(2)}/${percentile(xs, 95).toFixed(2)}`);
  return `trace of ${ratings.length} ratings, main thread ms (p50/p95): ${parts.join('; ')}`;
}
