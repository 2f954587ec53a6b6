/**
 * Plain text from rendered card HTML, for quiz prompts and answer choices (which are shown as
 * text, never as markup).
 */

export { htmlToText } from '../../../shared/html-text';

/**
 * The answer side of a rendered back: Anki backs usually repeat the front, then `<hr id=answer>`,
 * then the answer; only what follows the marker is kept when it is there.
 */
export function answerSideOfBack(back: string): string {
  const m = /<hr\b[^>]*\bid\s*=\s*["']?answer["']?[^>]*>/i.exec(back);
  return m ? back.slice(m.index + m[0].length) : back;
}
