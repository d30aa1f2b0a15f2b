import { memo, useRef, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useQuery } from '@tanstack/react-query';
import { spaceQuery } from '../api/queries';
import { useOpenSpacePicker } from '../components/SpacePickerContext';
import { Spinner } from '../components/Spinner';
import { useCanvasStore } from '../store/canvasStore';
import { BLOCK_DEFINITIONS } from './blocks';
import type { GenieNode as GenieNodeType } from './types';
import { genieView } from './genieView';
import { SpaceDetails } from './SpaceDetails';
import { SpaceIdForm } from './SpaceIdForm';
import { NodeError } from './NodeError';
import { BlockToolbar } from './BlockToolbar';
import { AskPanel } from './AskPanel';
import { GENIE_OUTPUT } from '../supervisor/connections';
import styles from './GenieNode.module.css';

/** A Genie space on the canvas: shows the space from the query cache, or says in plain words why it cannot. */
function GenieNodeComponent({ id, data, selected }: NodeProps<GenieNodeType>) {
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  const openPicker = useOpenSpacePicker();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const closeEditor = () => {
    setEditing(false);
    editButton.current?.focus(); // focus returns to the button that opened the editor
  };
  const query = useQuery({ ...spaceQuery(data.spaceId ?? ''), enabled: data.spaceId !== null });
  const view = genieView(data.spaceId, query);

  // The id the block already shows loads it again (a block in error recovers); another id is a new cache entry.
  const load = (spaceId: string) => {
    if (spaceId === data.spaceId) void query.refetch();
    else updateNodeData(id, { spaceId });
  };
  const choose = () => openPicker(data.spaceId, load);
  const createNew = () => openPicker(data.spaceId, load, 'create');
  const title = view.status === 'ready' ? (view.space.display_name ?? view.space.title) : undefined;
  const name = BLOCK_DEFINITIONS.genie.name(data, title);

  return (
    <article
      className={`${styles.node} ${selected ? styles.selected : ''}`}
      data-testid="genie-node"
      data-state={view.status}
      data-space-id={data.spaceId ?? ''}
      aria-label={name}
      aria-busy={view.status === 'loading'}
    >
      <BlockToolbar id={id} label={name} />
      <Handle type="target" position={Position.Left} />
      <header className={styles.header}>
        <span className={styles.kind}>
          <span className={styles.glyph} aria-hidden="true">
            ✦
          </span>
          Genie space
        </span>
        <span className={styles.actions}>
          <button type="button" className="btn btn-ghost btn-small nodrag" onClick={choose} aria-haspopup="dialog">
            Choose space
          </button>
          <button
            ref={editButton}
            type="button"
            className="btn btn-ghost btn-small nodrag"
            aria-expanded={editing}
            onClick={() => setEditing((on) => !on)}
          >
            Edit id
          </button>
        </span>
      </header>

      {editing && (
        <SpaceIdForm
          initial={data.spaceId ?? ''}
          onSubmit={(spaceId) => {
            closeEditor();
            load(spaceId);
          }}
          onCancel={closeEditor}
        />
      )}

      <div className={styles.body}>
        {(() => {
          switch (view.status) {
            case 'loading':
              return (
                <p className={styles.loading} role="status">
                  <Spinner /> Loading space…
                </p>
              );
            case 'unset':
              return (
                <div className={styles.unset}>
                  <p>No space chosen yet (the server has no default space). Choose one, or create a new one.</p>
                  <span className={styles.unsetActions}>
                    <button type="button" className="btn btn-primary btn-small nodrag" onClick={choose}>
                      Choose a space
                    </button>
                    <button type="button" className="btn btn-small nodrag" onClick={createNew} aria-haspopup="dialog">
                      New space
                    </button>
                  </span>
                </div>
              );
            case 'error':
              return <NodeError error={view.error} onRetry={() => void query.refetch()} onChoose={choose} />;
            case 'ready':
              return <SpaceDetails space={view.space} />;
          }
        })()}
      </div>

      {view.status === 'ready' && (
        <AskPanel
          nodeId={id}
          data={data}
          samples={Array.isArray(view.space.sample_questions) ? view.space.sample_questions.filter((q): q is string => typeof q === 'string') : []}
        />
      )}

      <footer className={styles.footer}>
        <span className={styles.idLabel}>id</span>
        <code className={styles.id} title={data.spaceId ?? undefined} data-testid="genie-space-id">
          {data.spaceId ?? 'none'}
        </code>
      </footer>
      <Handle type="source" position={Position.Right} id={GENIE_OUTPUT} title="Connect to a Supervisor" />
    </article>
  );
}

export const GenieNode = memo(GenieNodeComponent);
