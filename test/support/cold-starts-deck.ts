/** The built-in "AWS Lambda::Cold starts" deck of a test app, which review tests study. */
import type { DeckSummary } from '../../src/shared/api/decks-contract';
import type { TempApp } from './temp-app';

export async function coldStartsDeck(app: TempApp): Promise<DeckSummary> {
  const { decks } = await app.call<{ decks: DeckSummary[] }>('decks.list');
  const deck = decks.find((d) => d.path === 'AWS Lambda::Cold starts');
  if (!deck) throw new Error('cold-start deck not installed');
  return deck;
}
