import {
  createContext,
  useContext,
  useEffect,
  useRef,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useIssueText } from '../../components/issue-text';

interface RowsContextValue {
  /** After row `index` is gone: focus the row that took its place, the one before, or "add". */
  afterRemoval: (index: number) => void;
}

const RowsContext = createContext<RowsContextValue>({ afterRemoval: () => undefined });

const FOCUSABLE = 'select:not([disabled]), input:not([disabled]), textarea:not([disabled])';

interface RowsFieldsetProps {
  /** Section number and title as on the paper form: "4. Dị ứng". */
  legend: string;
  addLabel: string;
  onAdd: () => void;
  count: number;
  emptyText: string;
  /** Column headings; each cell's own label stays for screen readers. */
  columns: string[];
  /** CSS modifier giving the grid its column widths (`decl-table--allergies`). */
  layout: string;
  /** A rule on the whole list (too many rows, a code chosen twice). */
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

/**
 * A repeatable part of the declaration laid out as a table: one line per allergy, per
 * disease, per dose. "Add" is a real button in the Tab order; Ctrl+Enter (or Alt+Insert)
 * anywhere in the section adds a line too, so a long vaccination booklet is typed without
 * leaving the keyboard.
 */
export function RowsFieldset({
  legend,
  addLabel,
  onAdd,
  count,
  emptyText,
  columns,
  layout,
  error,
  hint,
  children,
}: RowsFieldsetProps): ReactElement {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const sectionRef = useRef<HTMLFieldSetElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const section = sectionRef.current;
    if (!section) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      const add =
        ((event.ctrlKey || event.metaKey) && event.key === 'Enter') ||
        (event.altKey && event.key === 'Insert');
      if (!add) return;
      event.preventDefault();
      event.stopPropagation();
      onAdd();
    };
    section.addEventListener('keydown', onKey);
    return () => section.removeEventListener('keydown', onKey);
  }, [onAdd]);

  const context: RowsContextValue = {
    afterRemoval: (index) => {
      window.setTimeout(() => {
        const rows = bodyRef.current?.querySelectorAll<HTMLElement>('[data-row]') ?? [];
        const row = rows[index] ?? rows[index - 1];
        (row?.querySelector<HTMLElement>(FOCUSABLE) ?? addRef.current)?.focus();
      }, 0);
    },
  };

  return (
    <fieldset className="section decl-section" ref={sectionRef}>
      <legend>{legend}</legend>
      {hint ? <p className="field__hint decl-section__hint">{hint}</p> : null}
      {count === 0 ? (
        <p className="muted decl-empty">{emptyText}</p>
      ) : (
        <div className={`decl-table ${layout}`} ref={bodyRef}>
          <div className="decl-table__head" aria-hidden="true">
            <span className="decl-table__index">#</span>
            {columns.map((c) => (
              <span key={c}>{c}</span>
            ))}
            <span />
          </div>
          <RowsContext.Provider value={context}>{children}</RowsContext.Provider>
        </div>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {issueText(error)}
        </p>
      ) : null}
      <div className="decl-add">
        <button type="button" className="button button--small" ref={addRef} onClick={onAdd}>
          <span aria-hidden="true">+</span>
          {addLabel}
        </button>
        <span className="field__hint">
          <kbd>Ctrl+Enter</kbd> {t('declaration.rows.addShortcut')}
        </span>
      </div>
    </fieldset>
  );
}

/** One line of a repeatable section, a group named "Dị ứng 2", with its own "remove". */
export function RowGroup({
  index,
  label,
  onRemove,
  children,
}: {
  index: number;
  label: string;
  onRemove: () => void;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  const { afterRemoval } = useContext(RowsContext);
  return (
    <div className="decl-table__row" role="group" aria-label={label} data-row>
      <span className="decl-table__index" aria-hidden="true">
        {index + 1}
      </span>
      {children}
      <div className="decl-table__remove">
        <button
          type="button"
          className="button button--small button--ghost button--danger"
          onClick={() => {
            onRemove();
            afterRemoval(index);
          }}
        >
          {t('declaration.rows.remove')}
        </button>
      </div>
    </div>
  );
}
