/**
 * Run work once the browser has painted the next frame, so it does not delay what the user waits
 * to see (the review screen's next card). The frame's requestAnimationFrame callback posts a
 * message; the message runs in a task after that frame was handed to the compositor.
 *
 * Hidden pages get no frames: a timer runs the work anyway after `fallbackMs`, so nothing waits
 * for the page to be shown again. Whichever comes first runs it, once.
 */
export function afterNextPaint(work: () => void, fallbackMs = 100): () => void {
  let state: 'waiting' | 'done' = 'waiting';
  const run = (): void => {
    if (state === 'done') return;
    state = 'done';
    window.cancelAnimationFrame(frame);
    window.clearTimeout(timer);
    channel.port1.close();
    work();
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = run;
  const frame = window.requestAnimationFrame(() => channel.port2.postMessage(null));
  const timer = window.setTimeout(run, fallbackMs);
  return () => {
    if (state === 'done') return;
    state = 'done';
    window.cancelAnimationFrame(frame);
    window.clearTimeout(timer);
    channel.port1.close();
  };
}

/** A promise for `afterNextPaint`: settles once the next frame has been painted (or the fallback timer ran). */
export function nextPaint(fallbackMs?: number): Promise<void> {
  return new Promise((resolve) => void afterNextPaint(resolve, fallbackMs));
}
