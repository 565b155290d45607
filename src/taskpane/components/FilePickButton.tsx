/** A button that opens a hidden file input and hands over the one file chosen. */
import { useRef, type ReactNode } from 'react';
import { Button } from '@fluentui/react-components';

export function FilePickButton(props: {
  accept: string;
  disabled?: boolean;
  /** Busy: stays focusable (focus is not lost) but does nothing. */
  busy?: boolean;
  onFile: (file: File | null) => void;
  children: ReactNode;
  buttonTestId?: string;
  inputTestId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size="small" disabled={props.disabled} disabledFocusable={props.busy} onClick={() => input.current?.click()} data-testid={props.buttonTestId}>
        {props.children}
      </Button>
      <input
        ref={input}
        style={{ display: 'none' }}
        type="file"
        accept={props.accept}
        data-testid={props.inputTestId}
        onChange={(e) => {
          const f = e.target.files?.[0] ?? null;
          // Cleared so choosing the same file again still fires a change.
          e.target.value = '';
          props.onFile(f);
        }}
      />
    </>
  );
}
