import { useServiceStatus } from '../hooks/useServiceStatus';
import styles from './StatusBadge.module.css';

/** Header badge: is the chain behind the page (bridge → NATS → a Genie responder) ready? */
export function StatusBadge() {
  const status = useServiceStatus();
  const state = status === null ? 'checking' : status.ready ? 'ready' : 'down';
  const responders =
    status?.responders === undefined ? '' : ` · ${status.responders} responder${status.responders === 1 ? '' : 's'}`;
  const text =
    status === null ? 'Checking…' : status.ready ? `Ready${responders}` : `Not ready: ${status.reason ?? 'unknown'}`;

  return (
    <div className={`${styles.badge} ${styles[state]}`} role="status" data-testid="status-badge" data-state={state} title={text}>
      <span className={styles.dot} aria-hidden="true" />
      <span className={styles.text}>{text}</span>
    </div>
  );
}
