/**
 * afterNextPaint: work held back until the frame after a change was painted (the review screen's
 * answer request and focus), and never lost when no frame comes (a hidden page).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, nextPaint } from '../../src/renderer/src/after-paint';

/** A page's frame and timer queues that the test drives by hand; messages are Node's own. */
function fakePage() {
  const frames = new Map<number, () => void>();
  const timers = new Map<number, () => void>();
  let nextId = 0;
  const page = {
    requestAnimationFrame: (cb: () => void) => (frames.set(++nextId, cb), nextId),
    cancelAnimationFrame: (id: number) => void frames.delete(id),
    setTimeout: (cb: () => void) => (timers.set(++nextId, cb), nextId),
    clearTimeout: (id: number) => void timers.delete(id),
  };
  return {
    page,
    frames,
    timers,
    /** The browser makes a frame: every requested frame callback runs once. */
    frame() {
      const due = [...frames.values()];
      frames.clear();
      for (const cb of due) cb();
    },
    fireTimers() {
      const due = [...timers.values()];
      timers.clear();
      for (const cb of due) cb();
    },
  };
}

/** Lets posted messages be delivered (they arrive as tasks, after the current one). */
const tasks = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

describe('afterNextPaint', () => {
  let fake: ReturnType<typeof fakePage>;
  beforeEach(() => {
    fake = fakePage();
    vi.stubGlobal('window', fake.page);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('runs the work in a task after the next frame, not before it and not inside it', async () => {
    const ran: string[] = [];
    afterNextPaint(() => ran.push('work'));
    await tasks();
    expect(ran).toEqual([]);
    fake.frame();
    ran.push('frame done');
    await tasks();
    expect(ran).toEqual(['frame done', 'work']);
  });

  it('runs the work once when no frame comes (a hidden page), and once only', async () => {
    const work = vi.fn();
    afterNextPaint(work);
    fake.fireTimers();
    expect(work).toHaveBeenCalledTimes(1);
    expect(fake.frames.size).toBe(0);
    fake.frame();
    await tasks();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('clears the fallback timer once the frame ran the work', async () => {
    const work = vi.fn();
    afterNextPaint(work);
    fake.frame();
    await tasks();
    expect(work).toHaveBeenCalledTimes(1);
    expect(fake.timers.size).toBe(0);
  });

  it('does nothing once cancelled', async () => {
    const work = vi.fn();
    const cancel = afterNextPaint(work);
    cancel();
    expect(fake.frames.size).toBe(0);
    expect(fake.timers.size).toBe(0);
    fake.frame();
    fake.fireTimers();
    await tasks();
    expect(work).not.toHaveBeenCalled();
  });

  it('work asked for before the same frame shares one frame callback and one timer, and runs in the order asked', async () => {
    const ran: string[] = [];
    afterNextPaint(() => ran.push('request'));
    afterNextPaint(() => ran.push('focus'));
    afterNextPaint(() => ran.push('audio'));
    expect(fake.frames.size).toBe(1);
    expect(fake.timers.size).toBe(1);
    fake.frame();
    await tasks();
    expect(ran).toEqual(['request', 'focus', 'audio']);
    expect(fake.timers.size).toBe(0);
  });

  it('work asked for once the frame has begun waits for the frame after it', async () => {
    const ran: string[] = [];
    afterNextPaint(() => {
      ran.push('first');
    });
    // The frame's own callbacks run, and one of them asks for more: that waits for the next frame.
    fake.page.requestAnimationFrame(() => afterNextPaint(() => ran.push('second')));
    fake.frame();
    await tasks();
    expect(ran).toEqual(['first']);
    expect(fake.frames.size).toBe(1);
    fake.frame();
    await tasks();
    expect(ran).toEqual(['first', 'second']);
  });

  it('cancelling one piece keeps the others; cancelling the last drops the frame callback and the timer', async () => {
    const kept = vi.fn();
    const dropped = vi.fn();
    afterNextPaint(kept);
    const cancel = afterNextPaint(dropped);
    cancel();
    expect(fake.frames.size).toBe(1);
    fake.frame();
    await tasks();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();

    const later = afterNextPaint(dropped);
    const alsoLater = afterNextPaint(dropped);
    later();
    alsoLater();
    expect(fake.frames.size).toBe(0);
    expect(fake.timers.size).toBe(0);
    fake.frame();
    fake.fireTimers();
    await tasks();
    expect(dropped).not.toHaveBeenCalled();
  });

  it('nextPaint settles after the frame', async () => {
    let settled = false;
    void nextPaint().then(() => (settled = true));
    await tasks();
    expect(settled).toBe(false);
    fake.frame();
    await tasks();
    expect(settled).toBe(true);
  });
});
