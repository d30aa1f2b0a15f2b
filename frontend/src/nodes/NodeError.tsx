import type { ErrorDescription } from '../api/describeError';
import styles from './GenieNode.module.css';

interface NodeErrorProps {
  error: ErrorDescription;
  onRetry: () => void;
  onChoose: () => void;
}

/** Why a Genie block shows no space: headline, what to do, the server's own detail and request id, and the way out. */
export function NodeError({ error, onRetry, onChoose }: NodeErrorProps) {
  const aboutTheId = error.code === 'INVALID_REQUEST' || error.code === 'NOT_FOUND';
  return (
    <div className={styles.error} role="alert" data-testid="genie-error" data-code={error.code}>
      <p className={styles.errorTitle}>{error.title}</p>
      <p className={styles.errorMessage}>{error.message}</p>
      {error.detail && error.detail !== error.message && <p className={styles.errorDetail}>{error.detail}</p>}
      {error.requestId && <p className={styles.requestId}>Request id {error.requestId}</p>}
      <div className={styles.errorActions}>
        {error.retryable && (
          <button type="button" className="btn btn-primary btn-small nodrag" onClick={onRetry}>
            Retry
          </button>
        )}
        {aboutTheId && (
          <button type="button" className="btn btn-small nodrag" onClick={onChoose}>
            Choose another space
          </button>
        )}
      </div>
    </div>
  );
}
