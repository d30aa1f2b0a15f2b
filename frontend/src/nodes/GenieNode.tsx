import { memo, useEffect, useState } from 'react';
import { Handle, Position, useReactFlow, type NodeProps } from '@xyflow/react';
import { useGenieSpace } from '../hooks/useGenieSpace';
import { useDefaultSpaceId } from '../hooks/useDefaultSpaceId';
import { useOpenSpacePicker } from '../components/SpacePickerContext';
import { Spinner } from '../components/Spinner';
import type { ErrorDescription } from '../api/describeError';
import type { AppEdge, AppNode, GenieNode as GenieNodeType } from './types';
import { SpaceDetails } from './SpaceDetails';
import { SpaceIdForm } from './SpaceIdForm';
import { NodeError } from './NodeError';
import styles from './GenieNode.module.css';

/** A Genie space on the canvas: loads it through the bridge and shows it, or says in plain words why it cannot. */
function GenieNodeComponent({ id, data, selected }: NodeProps<GenieNodeType>) {
  const { updateNodeData } = useReactFlow<AppNode, AppEdge>();
  const openPicker = useOpenSpacePicker();
  const [editing, setEditing] = useState(false);

  // A new block asks the server for its default space once and then keeps that id as its own.
  const defaults = useDefaultSpaceId(data.spaceId === null);
  const resolvedDefault = defaults.state.status === 'resolved' ? defaults.state.spaceId : null;
  useEffect(() => {
    if (data.spaceId === null && resolvedDefault) updateNodeData(id, { spaceId: resolvedDefault });
  }, [id, data.spaceId, resolvedDefault, updateNodeData]);

  const { state, retry } = useGenieSpace(data.spaceId);

  const view: 'loading' | 'ready' | 'error' | 'unset' =
    data.spaceId === null
      ? defaults.state.status === 'error'
        ? 'error'
        : defaults.state.status === 'none'
          ? 'unset'
          : 'loading'
      : state.status === 'ready'
        ? 'ready'
        : state.status === 'error'
          ? 'error'
          : 'loading';
  const error: ErrorDescription | null =
    data.spaceId === null
      ? defaults.state.status === 'error'
        ? defaults.state.error
        : null
      : state.status === 'error'
        ? state.error
        : null;
  const onRetry = data.spaceId === null ? defaults.retry : retry;
  // The id the block already shows loads it again (a block in error recovers); the hook would not refetch by itself.
  const load = (spaceId: string) => {
    if (spaceId === data.spaceId) retry();
    else updateNodeData(id, { spaceId });
  };
  const choose = () => openPicker(data.spaceId, load);

  return (
    <article
      className={`${styles.node} ${selected ? styles.selected : ''}`}
      data-testid="genie-node"
      data-state={view}
      data-space-id={data.spaceId ?? ''}
      aria-label="Genie block"
      aria-busy={view === 'loading'}
    >
      <Handle type="target" position={Position.Left} aria-label="Input" />
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
            setEditing(false);
            load(spaceId);
          }}
          onCancel={() => setEditing(false)}
        />
      )}

      <div className={styles.body}>
        {view === 'loading' && (
          <p className={styles.loading} role="status">
            <Spinner /> Loading space…
          </p>
        )}
        {view === 'unset' && (
          <div className={styles.unset}>
            <p>No default space is configured. Choose one to show it here.</p>
            <button type="button" className="btn btn-primary btn-small nodrag" onClick={choose}>
              Choose a space
            </button>
          </div>
        )}
        {view === 'error' && error && (
          <NodeError error={error} onRetry={onRetry} onChoose={choose} />
        )}
        {state.status === 'ready' && view === 'ready' && <SpaceDetails space={state.space} />}
      </div>

      <footer className={styles.footer}>
        <span className={styles.idLabel}>id</span>
        <code className={styles.id} title={data.spaceId ?? undefined} data-testid="genie-space-id">
          {data.spaceId ?? 'default'}
        </code>
      </footer>
      <Handle type="source" position={Position.Right} aria-label="Output" />
    </article>
  );
}

export const GenieNode = memo(GenieNodeComponent);
