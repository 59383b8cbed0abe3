import { useState, type ReactElement } from 'react';
import { formatIsoDate, parseDisplayDate } from '../../src-shared/domain/dates';

interface DateInputProps {
  id: string;
  /** ISO `yyyy-mm-dd`, '' when empty, or the raw text when it is not a date yet. */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  name?: string;
  autoFocus?: boolean;
}

/**
 * Dates are typed as Vietnamese users write them, dd/mm/yyyy (slashes optional: 05031990),
 * and handed to the form as ISO. Text that is not a date is passed through unchanged, so the
 * schema refuses it with "Ngày không hợp lệ" instead of it silently disappearing.
 */
export function DateInput({
  id,
  value,
  onChange,
  onBlur,
  describedBy,
  invalid,
  name,
  autoFocus,
}: DateInputProps): ReactElement {
  const [text, setText] = useState(() => formatIsoDate(value));
  const [seenValue, setSeenValue] = useState(value);
  if (seenValue !== value) {
    // Follow outside changes (a draft restored, a form reset) without fighting the typist.
    setSeenValue(value);
    if ((parseDisplayDate(text) ?? text) !== value) setText(formatIsoDate(value));
  }
  return (
    <input
      id={id}
      name={name}
      className="input input--date"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      autoComplete="off"
      maxLength={10}
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus={autoFocus}
      onChange={(event) => {
        let next = event.target.value.replace(/[^\d/.-]/g, '').replace(/([/.-])[/.-]+/g, '$1');
        // Insert the slashes as she types digits: 05 → 05/, 05/03 → 05/03/.
        if (/^\d{2}$/.test(next) && text.length < next.length) next += '/';
        else if (/^\d{2}\/\d{2}$/.test(next) && text.length < next.length) next += '/';
        setText(next);
        onChange(next === '' ? '' : (parseDisplayDate(next) ?? next));
      }}
      onBlur={() => {
        const iso = parseDisplayDate(text);
        if (iso) setText(formatIsoDate(iso));
        onBlur?.();
      }}
    />
  );
}
