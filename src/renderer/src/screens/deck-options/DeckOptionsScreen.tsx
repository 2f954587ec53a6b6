export function DeckOptionsScreen({ deckId }: { deckId: number }) {
  return <main className="screen">Deck options {deckId}</main>;
}
