import { useId, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { foldVietnamese } from '../../src-shared/domain/name-folding';
import { describeCommune, findCommune, type Commune } from '../../src-shared/reference/admin-units';

interface CommuneSelectProps {
  id: string;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  communes: readonly Commune[];
  describedBy?: string | undefined;
  invalid?: boolean;
  /** Show the province after the name (for lists that span the country). */
  withProvince?: boolean;
}

const MAX_SHOWN = 40;

/**
 * A commune picker that filters as she types, without diacritics ("binh quoi" finds
 * "Phường Bình Quới"), or by code; arrows move, Enter picks, Esc closes.
 */
export function CommuneSelect({
  id,
  value,
  onChange,
  onBlur,
  communes,
  describedBy,
  invalid,
  withProvince,
}: CommuneSelectProps): ReactElement {
  const { t } = useTranslation();
  const listId = useId();
  const label = (code: string): string =>
    withProvince ? describeCommune(code) : (findCommune(code)?.name ?? code);
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = text !== null;

  const matches = useMemo(() => {
    if (text === null) return [];
    const folded = foldVietnamese(text);
    if (folded === '') return communes.slice(0, MAX_SHOWN);
    const words = folded.split(' ');
    return communes
      .filter((c) => c.code.startsWith(folded) || words.every((w) => c.folded.includes(w)))
      .slice(0, MAX_SHOWN);
  }, [text, communes]);

  const choose = (commune: Commune | undefined): void => {
    if (commune) onChange(commune.code);
    setText(null);
  };

  return (
    <div className="combobox">
      <input
        id={id}
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          open && matches[active] ? `${listId}-${matches[active].code}` : undefined
        }
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        placeholder={t('common.commune.placeholder')}
        value={text ?? (value ? label(value) : '')}
        onFocus={(event) => event.target.select()}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            if (!open) setText('');
            setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (event.key === 'Enter' && open) {
            event.preventDefault();
            choose(matches[active]);
          } else if (event.key === 'Escape' && open) {
            event.preventDefault();
            event.stopPropagation();
            setText(null);
          } else if (event.key === 'Tab' && open && text !== '' && matches.length > 0) {
            choose(matches[active]);
          }
        }}
        onBlur={() => {
          setText(null);
          onBlur?.();
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" className="combobox__list">
          {matches.length === 0 ? (
            <li className="combobox__empty">{t('common.commune.noMatch')}</li>
          ) : (
            matches.map((c, i) => (
              <li
                key={c.code}
                id={`${listId}-${c.code}`}
                role="option"
                aria-selected={i === active}
                className={`combobox__option${i === active ? ' combobox__option--active' : ''}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(c);
                }}
              >
                <span>{withProvince ? describeCommune(c.code) : c.name}</span>
                <span className="combobox__code">{c.code}</span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
