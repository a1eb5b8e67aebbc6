import type { ReactNode } from 'react';
import { errorMessage } from '~/trpc/errors';

/** A failed call's message beside the control that made it; nothing when there is no error. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <span className="field-error" role="alert">
      {errorMessage(error)}{' '}
    </span>
  );
}

interface RowActionButtonProps {
  children: ReactNode;
  onClick: () => void;
  /** Disabled while its call is in flight, so one click makes one call. */
  pending?: boolean;
  disabled?: boolean;
  tone?: 'danger' | 'ghost';
}

/** A small button acting on one table row. */
export function RowActionButton(props: RowActionButtonProps) {
  const { tone = 'danger', pending = false, disabled = false } = props;
  return (
    <button
      type="button"
      className={`button button-small button-${tone}`}
      disabled={disabled || pending}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
