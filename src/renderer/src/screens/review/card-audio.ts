/**
 * Playing a card side's sounds, one after another, as Anki does when a side appears (the deck
 * preset's autoplayAudio) and on R. A side's [sound:…] tags become <audio> players once their
 * files are fetched, so playing waits briefly for them.
 */

/** How long to wait for a side's sound files to arrive before playing what is there. */
const WAIT_MS = 3000;

let playing: { stop: () => void } | null = null;

/** Stop whatever a card side is playing. */
export function stopCardAudio(): void {
  playing?.stop();
  playing = null;
}

function playInOrder(players: HTMLAudioElement[]): { stop: () => void } {
  let stopped = false;
  let current: HTMLAudioElement | null = null;
  const next = (i: number) => {
    if (stopped) return;
    const player = players[i];
    if (!player) return;
    current = player;
    player.currentTime = 0;
    const onEnd = () => {
      player.removeEventListener('ended', onEnd);
      next(i + 1);
    };
    player.addEventListener('ended', onEnd);
    // A file the browser cannot play (or a blocked autoplay) skips to the next one.
    player.play().catch(() => onEnd());
  };
  next(0);
  return {
    stop() {
      stopped = true;
      current?.pause();
    },
  };
}

/**
 * Play the sounds in `side`, skipping the first `skip` (on an Anki answer side, those of the front
 * that {{FrontSide}} repeats: Anki does not play them again). Sounds still loading (`.sound`
 * placeholders) are waited for.
 */
export function playCardAudio(side: Element | null, skip = 0): void {
  stopCardAudio();
  if (!side) return;
  const start = () => {
    const players = [...side.querySelectorAll('audio')].slice(skip);
    if (players.length > 0) playing = playInOrder(players);
  };
  if (!side.querySelector('.sound')) {
    start();
    return;
  }
  let done = false;
  const observer = new MutationObserver(() => {
    if (side.querySelector('.sound')) return;
    finish();
  });
  const timer = window.setTimeout(() => finish(), WAIT_MS);
  function finish() {
    if (done) return;
    done = true;
    observer.disconnect();
    window.clearTimeout(timer);
    start();
  }
  observer.observe(side, { childList: true, subtree: true });
  playing = {
    stop() {
      done = true;
      observer.disconnect();
      window.clearTimeout(timer);
    },
  };
}

/** Sound tags in a side's text (the front's count is what an answer side skips). */
export function soundCount(text: string): number {
  return (text.match(/\[sound:[^\]]+\]/g) ?? []).length;
}
