import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';

interface DialogProps {
  title: ReactNode;
  children: ReactNode;
  onClose: () => void;
  actions: ReactNode;
}

/** A modal dialog on the native <dialog>: focus stays inside, Esc closes it. */
export function Dialog({ title, children, onClose, actions }: DialogProps): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // The dialog leaves the page when it closes, so the browser cannot give focus back by
    // itself: return it to where she was typing.
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="dialog-title" className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
