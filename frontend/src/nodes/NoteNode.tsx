import { memo } from 'react';
import { Handle, Position, useReactFlow, type NodeProps } from '@xyflow/react';
import type { AppEdge, AppNode, NoteNode as NoteNodeType } from './types';
import styles from './NoteNode.module.css';

/** Free text on the canvas: a comment, a step description, a question to ask Genie. */
function NoteNodeComponent({ id, data, selected }: NodeProps<NoteNodeType>) {
  const { updateNodeData } = useReactFlow<AppNode, AppEdge>();
  return (
    <article className={`${styles.note} ${selected ? styles.selected : ''}`} data-testid="note-node" aria-label="Note block">
      <Handle type="target" position={Position.Left} aria-label="Input" />
      <header className={styles.header}>Note</header>
      <textarea
        className={`${styles.text} nodrag nowheel`}
        aria-label="Note text"
        placeholder="Write a note…"
        value={data.text}
        maxLength={10_000}
        rows={4}
        onChange={(event) => updateNodeData(id, { text: event.target.value })}
      />
      <Handle type="source" position={Position.Right} aria-label="Output" />
    </article>
  );
}

export const NoteNode = memo(NoteNodeComponent);
