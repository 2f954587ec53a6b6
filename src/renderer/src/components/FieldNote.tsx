/** Under a form control: the rule it breaks (announced), or its help. The control points at it with aria-describedby={id}. */
import type { ReactNode } from 'react';

export function FieldNote({ id, error, help }: { id: string; error: string | null | undefined; help: ReactNode }) {
  return error ? (
    <span id={id} className="field-error text-error" role="alert">
      {error}
    </span>
  ) : (
    <span id={id} className="field-help">
      {help}
    </span>
  );
}
