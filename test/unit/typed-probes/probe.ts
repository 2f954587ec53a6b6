/** A typed-answer probe: an input for one typed note of the built-in decks, and whether it is clearly right. */
export interface TypedProbe {
  note: string;
  input: string;
  correct: boolean;
}
