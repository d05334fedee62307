import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

const FOCUSABLE =
  'input, select, textarea, button:not(.keten-dialog__close), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A button that opens a modal dialog (the native <dialog>, so the page behind is inert and Escape closes it):
 * its heading labels it, the focus moves to its first control on opening and back to the button on closing.
 * The content is built each time it opens, so a form in it starts afresh; it gets `close` to call when done.
 */
export function DialogButton({
  label,
  heading,
  children,
}: {
  /** Message id of the button. */
  readonly label: string;
  /** Message id of the dialog's heading; the button's when left out. */
  readonly heading?: string;
  readonly children: (close: () => void) => ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element || !open || element.open) return;
    element.showModal();
    (element.querySelector<HTMLElement>(FOCUSABLE) ?? element.querySelector<HTMLElement>('h2'))?.focus();
  }, [open]);

  const close = () => dialog.current?.close();

  return (
    <>
      <button
        type="button"
        ref={opener}
        className="utrecht-button utrecht-button--secondary-action"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <FormattedMessage id={label} />
      </button>
      <dialog
        ref={dialog}
        className="keten-dialog"
        aria-labelledby={`${id}-heading`}
        onClose={() => {
          setOpen(false);
          opener.current?.focus();
        }}
      >
        <div className="keten-dialog__header">
          <h2 className="utrecht-heading-2" id={`${id}-heading`} tabIndex={-1}>
            <FormattedMessage id={heading ?? label} />
          </h2>
          <button
            type="button"
            className="utrecht-button utrecht-button--subtle keten-dialog__close"
            onClick={close}
          >
            <FormattedMessage id="dialog.close" />
          </button>
        </div>
        {open && children(close)}
      </dialog>
    </>
  );
}
