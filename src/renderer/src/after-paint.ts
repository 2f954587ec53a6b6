/**
 * Run work once the browser has painted the next frame, so it does not delay what the user waits
 * to see (the review screen's next card). The frame's requestAnimationFrame callback posts a
 * message; the message runs in a task after that frame was handed to the compositor.
 *
 * Hidden pages get no frames: a timer runs the work anyway after FALLBACK_MS, so nothing waits
 * for the page to be shown again. Whichever comes first runs it, once.
 *
 * Everything asked for before the same frame waits together: one frame callback, one timer and one
 * message for all of it, so a key press that schedules several pieces (the answer's request, the
 * focus, the audio) pays for one wait, not one each.
 */

const FALLBACK_MS = 100;

interface Waiting {
  work: () => void;
  live: boolean;
}

interface FrameWait {
  entries: Waiting[];
  live: number;
  frame: number;
  timer: number;
  channel: MessageChannel | null;
  state: 'waiting' | 'framed' | 'done';
}

/** The wait new work joins: the next frame's, until that frame's callback has run. */
let open: FrameWait | null = null;

function finish(wait: FrameWait): void {
  if (wait.state === 'done') return;
  wait.state = 'done';
  if (open === wait) open = null;
  window.cancelAnimationFrame(wait.frame);
  window.clearTimeout(wait.timer);
  wait.channel?.port1.close();
  for (const entry of wait.entries) {
    if (!entry.live) continue;
    entry.live = false;
    entry.work();
  }
}

function openWait(): FrameWait {
  const wait: FrameWait = { entries: [], live: 0, frame: 0, timer: 0, channel: null, state: 'waiting' };
  wait.frame = window.requestAnimationFrame(() => {
    if (wait.state !== 'waiting') return;
    // Work asked for from here on waits for the frame after this one.
    wait.state = 'framed';
    if (open === wait) open = null;
    const channel = new MessageChannel();
    wait.channel = channel;
    channel.port1.onmessage = () => finish(wait);
    channel.port2.postMessage(null);
  });
  wait.timer = window.setTimeout(() => finish(wait), FALLBACK_MS);
  return wait;
}

/** Run `work` in a task after the next frame is painted; the returned function cancels it. */
export function afterNextPaint(work: () => void): () => void {
  const wait = open ?? (open = openWait());
  const entry: Waiting = { work, live: true };
  wait.entries.push(entry);
  wait.live += 1;
  return () => {
    if (!entry.live) return;
    entry.live = false;
    wait.live -= 1;
    // Nothing left to run: the frame callback and the timer go too.
    if (wait.live === 0 && wait.state === 'waiting') {
      wait.state = 'done';
      if (open === wait) open = null;
      window.cancelAnimationFrame(wait.frame);
      window.clearTimeout(wait.timer);
    }
  };
}

/** A promise for `afterNextPaint`: settles once the next frame has been painted (or the fallback timer ran). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => void afterNextPaint(resolve));
}
