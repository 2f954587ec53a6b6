/** The line beside a form's save button: what the last save did, announced to screen readers. */
export interface SaveStatusValue {
  kind: 'ok' | 'error';
  text: string;
}

export function SaveStatus({ status }: { status: SaveStatusValue | null }) {
  if (!status) return null;
  return (
    <span role="status" className={status.kind === 'error' ? 'text-error' : 'text-ok'}>
      {status.text}
    </span>
  );
}
