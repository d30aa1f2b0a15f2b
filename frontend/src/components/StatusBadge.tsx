import { useQuery } from '@tanstack/react-query';
import { configQuery } from '../api/queries';
import { useChainStatus } from '../status/useChainStatus';
import styles from './StatusBadge.module.css';

/**
 * Header badge: is the chain behind the page (bridge → NATS → a Genie responder) ready? Short words; the server's
 * reason is in the tooltip and read out on focus. Beside it: whose data the canvas shows.
 */
export function StatusBadge() {
  const status = useChainStatus();
  const { data: config } = useQuery(configQuery);
  const state = status === null ? 'checking' : status.ready ? 'ready' : 'down';
  const text = status === null ? 'Checking…' : status.ready ? 'Ready' : shortReason(status.reason);
  const responders =
    status?.responders === undefined ? '' : `${status.responders} Genie responder${status.responders === 1 ? '' : 's'}`;
  const detail = status === null ? 'Checking the Genie service' : status.ready ? `Genie service ready. ${responders}` : `Not ready: ${status.reason ?? 'unknown'}`;
  const source = config?.demo ? 'Demo data (local emulator)' : config?.workspace ? hostOf(config.workspace) : null;

  return (
    <div className={styles.wrap}>
      {source && (
        <span className={styles.source} data-testid="data-source" title={config?.workspace ?? undefined}>
          {source}
        </span>
      )}
      <div
        className={`${styles.badge} ${styles[state]}`}
        role="status"
        tabIndex={0}
        data-testid="status-badge"
        data-state={state}
        title={detail}
        aria-label={`${text}. ${detail}`}
      >
        <span className={styles.dot} aria-hidden="true" />
        <span className={styles.text}>{text}</span>
      </div>
    </div>
  );
}

/** A few words for the pill; the full reason stays in the tooltip. */
function shortReason(reason: string | undefined): string {
  const text = (reason ?? '').toLowerCase();
  if (text.includes('cannot reach') || text.includes('status unknown')) return 'Server unreachable';
  if (text.includes('nats') || text.includes('bus')) return 'Bus down';
  if (text.includes('responder') || text.includes('srv.ping')) return 'Genie service down';
  return 'Not ready';
}

function hostOf(workspace: string): string {
  try {
    return new URL(workspace.includes('://') ? workspace : `https://${workspace}`).host;
  } catch {
    return workspace;
  }
}
