'use client';

import { useState, type ReactNode } from 'react';
import { InlineError, RowActionButton } from './row-action';

interface Props {
  /** The action's label, e.g. "Delete". */
  children: ReactNode;
  /** What will happen, asked before anything is sent: "Delete orders and flush its keys?". */
  question: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: unknown;
  disabled?: boolean;
}

/** A destructive row action that asks once, inline, before it calls the server. */
export function ConfirmButton(props: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <>
        <InlineError error={props.error} />
        <RowActionButton
          pending={props.pending ?? false}
          disabled={props.disabled ?? false}
          onClick={() => {
            setAsking(true);
          }}
        >
          {props.children}
        </RowActionButton>
      </>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm">
      <span className="small">{props.question}</span>{' '}
      <RowActionButton
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        Confirm
      </RowActionButton>{' '}
      <RowActionButton
        tone="ghost"
        onClick={() => {
          setAsking(false);
        }}
      >
        Cancel
      </RowActionButton>
    </span>
  );
}
