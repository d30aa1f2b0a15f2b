import { useEffect, useId, useRef, useState } from 'react';
import { spaceIdProblem } from '../spaceId';
import styles from './GenieNode.module.css';

interface Props {
  initial: string;
  onSubmit: (spaceId: string) => void;
  onCancel: () => void;
}

/** Inline editor for the block's space id, checked with the bridge's rule before anything is sent. */
export function SpaceIdForm({ initial, onSubmit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const trimmed = value.trim();
  const problem = spaceIdProblem(trimmed);
  const showProblem = touched && problem !== null;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  return (
    <form
      className={`${styles.form} nodrag`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (problem === null) onSubmit(trimmed);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label htmlFor={inputId} className={styles.formLabel}>
        Space id
      </label>
      <input
        ref={input}
        id={inputId}
        className={`${styles.input} nodrag`}
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={showProblem}
        aria-describedby={hintId}
        onChange={(event) => {
          setValue(event.target.value);
          setTouched(true);
        }}
      />
      <p id={hintId} className={showProblem ? styles.formProblem : styles.formHint} role={showProblem ? 'alert' : undefined}>
        {showProblem ? problem : 'Letters, digits, - and _, up to 128 characters.'}
      </p>
      <div className={styles.formActions}>
        <button type="submit" className="btn btn-primary btn-small" disabled={showProblem}>
          Load
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
