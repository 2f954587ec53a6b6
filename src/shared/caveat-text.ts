/**
 * The Markdown shown with an answer for a note whose source is dated (deck-format `caveat`): a
 * quoted "Dated" paragraph with its sources as links. Review cards append it to the back; quiz
 * feedback and results show it under the explanation.
 */
import type { Caveat } from './deck-format';

export const CAVEAT_LABEL = 'Dated';

export function caveatMarkdown(caveat: Caveat): string {
  const links = caveat.sources.map((s) => `[${s.title.replace(/[[\]]/g, '')}](${s.url})`).join('; ');
  return `> **${CAVEAT_LABEL}:** ${caveat.text}\n>\n> Source: ${links}`;
}
