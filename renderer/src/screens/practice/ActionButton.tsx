import { Fragment, type FocusEventHandler, type KeyboardEventHandler, type Ref } from 'react';

interface ActionButtonProps {
  label: string;
  /** Keys shown as <kbd>, e.g. ['Alt', 'S']; announced through aria-keyshortcuts instead of the name. */
  keys?: string[];
  shortcut?: string;
  kind?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  onClick: () => void;
  ref?: Ref<HTMLButtonElement>;
  className?: string;
  testId?: string;
  /** Keyboard handlers such as the typing guard's (see typing-guard.ts). */
  guard?: {
    onFocus: FocusEventHandler<HTMLButtonElement>;
    onBlur: FocusEventHandler<HTMLButtonElement>;
    onKeyDown: KeyboardEventHandler<HTMLButtonElement>;
  };
}

/** A button whose accessible name is just its label; the shortcut shows as keys beside it. */
export function ActionButton({
  label,
  keys,
  shortcut,
  kind = 'plain',
  disabled,
  onClick,
  ref,
  className,
  testId,
  guard,
}: ActionButtonProps) {
  return (
    <button
      ref={ref}
      type="button"
      className={`button ${kind === 'plain' ? '' : kind} ${className ?? ''}`.trim()}
      disabled={disabled}
      aria-keyshortcuts={shortcut}
      data-testid={testId}
      onClick={onClick}
      {...guard}
    >
      {label}
      {keys && keys.length > 0 && (
        <span className="kbd-hint" aria-hidden="true">
          {keys.map((k, i) => (
            <Fragment key={k}>
              {i > 0 && '+'}
              <kbd>{k}</kbd>
            </Fragment>
          ))}
        </span>
      )}
    </button>
  );
}
