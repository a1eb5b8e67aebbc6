interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  error?: string | undefined;
  hint?: string;
  autoComplete?: string;
  minLength?: number;
  /** Inputs are required unless a form says otherwise. */
  required?: boolean;
}

/** A labelled input that shows the server's validation message for its field. */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  error,
  hint,
  ...rest
}: Props) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        required
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        {...rest}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="small muted">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
