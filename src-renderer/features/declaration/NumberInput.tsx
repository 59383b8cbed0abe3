import { useState, type ReactElement, type Ref } from 'react';

interface NumberInputProps {
  id: string;
  value: number | null | undefined;
  /** A number, null when blank, NaN when the text is not a number (the schema refuses it). */
  onChange: (value: number | null) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  name?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
  /** Allows a fraction, typed with a comma as Vietnamese write it (49,5) or a point. */
  decimal?: boolean;
  className?: string;
  maxLength?: number;
}

export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const show = (value: number | null | undefined, decimal: boolean): string =>
  value === null || value === undefined || Number.isNaN(value)
    ? ''
    : decimal
      ? String(value).replace('.', ',')
      : String(value);

/**
 * A number typed as text: the form gets numbers or null, never strings, and what she typed
 * stays on screen even when it is not a number yet, so nothing vanishes under her fingers.
 */
export function NumberInput({
  id,
  value,
  onChange,
  onBlur,
  inputRef,
  name,
  describedBy,
  invalid,
  disabled,
  decimal = false,
  className,
  maxLength = 7,
}: NumberInputProps): ReactElement {
  const [text, setText] = useState(() => show(value, decimal));
  // Follow outside changes (a reset, a draft restored, a cleared amount) only: while she
  // types, the value is what her text means and the text stays as typed.
  const [followed, setFollowed] = useState(value);
  if (!Object.is(followed, value)) {
    setFollowed(value);
    if (!Object.is(parseNumber(text), value ?? null)) setText(show(value, decimal));
  }
  return (
    <input
      id={id}
      ref={inputRef}
      name={name}
      className={`input input--number${className ? ` ${className}` : ''}`}
      inputMode={decimal ? 'decimal' : 'numeric'}
      autoComplete="off"
      maxLength={maxLength}
      value={text}
      disabled={disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseNumber(event.target.value));
      }}
      onBlur={onBlur}
    />
  );
}
