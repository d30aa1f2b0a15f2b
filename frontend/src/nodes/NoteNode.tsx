import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useCanvasStore } from '../store/canvasStore';
import { BLOCK_DEFINITIONS, MAX_NOTE_LENGTH } from './blocks';
import type { NoteNode as NoteNodeType } from './types';
import { BlockToolbar } from './BlockToolbar';
import styles from './NoteNode.module.css';

/** Free text on the canvas: a comment, a step description, a question to ask Genie. */
function NoteNodeComponent({ id, data, selected }: NodeProps<NoteNodeType>) {
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  const name = BLOCK_DEFINITIONS.note.name(data);
  return (
    <article className={`${styles.note} ${selected ? styles.selected : ''}`} data-testid="note-node" aria-label={name}>
      <BlockToolbar id={id} label={name} />
      <Handle type="target" position={Position.Left} />
      <header className={styles.header}>Note</header>
      <textarea
        className={`${styles.text} nodrag nowheel`}
        aria-label="Note text"
        placeholder="Write a note…"
        value={data.text}
        maxLength={MAX_NOTE_LENGTH}
        rows={4}
        onChange={(event) => updateNodeData(id, { text: event.target.value })}
      />
      <Handle type="source" position={Position.Right} />
    </article>
  );
}

export const NoteNode = memo(NoteNodeComponent);
