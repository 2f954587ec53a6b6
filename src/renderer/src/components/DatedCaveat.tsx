/** A note's dated caveat, shown with the answer in quiz feedback and results (review shows it on the card's back). */
import type { Caveat } from '../../../shared/deck-format';
import { caveatMarkdown } from '../../../shared/caveat-text';
import { CardContent } from './CardContent';

export function DatedCaveat({ caveat }: { caveat: Caveat | null | undefined }) {
  if (!caveat) return null;
  return <CardContent className="dated-caveat" text={caveatMarkdown(caveat)} format="markdown" />;
}
