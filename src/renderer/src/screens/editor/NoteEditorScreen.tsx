export type EditorMode = { kind: 'add'; deckId: number | null } | { kind: 'edit'; noteId: number; returnTo: string };

export function NoteEditorScreen({ mode }: { mode: EditorMode }) {
  return <main className="screen">Editor: {mode.kind}</main>;
}
