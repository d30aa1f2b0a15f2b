import type { DragEvent, KeyboardEvent } from 'react';
import { BLOCKS, DRAG_MIME } from '../nodes/blocks';
import type { BlockType } from '../nodes/types';
import styles from './Palette.module.css';

function onDragStart(event: DragEvent<HTMLElement>, type: BlockType) {
  event.dataTransfer.setData(DRAG_MIME, type);
  event.dataTransfer.effectAllowed = 'move';
}

/** The blocks to drag onto the canvas; a click, or Enter or Space on a focused block, adds it into free space near the centre. */
export function Palette({ onAdd }: { onAdd: (type: BlockType) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, type: BlockType) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onAdd(type);
    }
  };

  return (
    <aside className={styles.palette} aria-labelledby="palette-title">
      <h2 id="palette-title" className={styles.heading}>
        Blocks
      </h2>
      <p className={styles.hint} id="palette-hint">
        Drag a block onto the canvas, or click it (Enter on a focused one) to add it.
      </p>
      <ul className={styles.items}>
        {BLOCKS.map((block) => (
          <li key={block.type}>
            {/* Named by its visible label ("Genie block"); the hint below it is its description, not part of the name. */}
            <div
              role="button"
              tabIndex={0}
              draggable
              className={`${styles.item} ${styles[block.type] ?? ''}`}
              aria-describedby={`palette-${block.type}-hint palette-hint`}
              data-testid={`palette-${block.type}`}
              onDragStart={(event) => onDragStart(event, block.type)}
              onKeyDown={(event) => onKeyDown(event, block.type)}
              onClick={() => onAdd(block.type)}
            >
              <span className={styles.glyph} aria-hidden="true">
                {block.glyph}
              </span>
              <span className={styles.text}>
                <span className={styles.label}>{block.label} block</span>
                <span className={styles.description} id={`palette-${block.type}-hint`} aria-hidden="true">
                  {block.hint}
                </span>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
