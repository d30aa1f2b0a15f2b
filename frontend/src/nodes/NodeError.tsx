import type { ErrorDescription } from '../api/describeError';
import styles from './GenieNode.module.css';

interface NodeErrorProps {
  error: ErrorDescription;
  onRetry: () => void;
  onChoose: () => void;
}

/**
 * Why a Genie block shows no space: headline, what to do, and the way out first. The server's own words and the
 * request id are folded into "Details". When Retry cannot help (not found, bad id), "Choose another space" leads.
 */
export function NodeError({ error, onRetry, onChoose }: NodeErrorProps) {
  const aboutTheId = error.code === 'INVALID_REQUEST' || error.code === 'NOT_FOUND';
  const detail = error.detail && error.detail !== error.message && error.detail !== error.title ? error.detail : null;
  return (
    <div className={styles.error} role="alert" data-testid="genie-error" data-code={error.code}>
      <p className={styles.errorTitle}>{error.title}</p>
      <p className={styles.errorMessage}>{error.message}</p>
      <div className={styles.errorActions}>
        {aboutTheId && (
          <button type="button" className="btn btn-primary btn-small nodrag" onClick={onChoose}>
            Choose another space
          </button>
        )}
        {error.retryable && (
          <button type="button" className={`btn ${aboutTheId ? '' : 'btn-primary'} btn-small nodrag`} onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
      {(detail || error.requestId) && (
        <details className={`${styles.errorMore} nodrag`}>
          <summary>Details</summary>
          {detail && <p className={styles.errorDetail}>{detail}</p>}
          {error.requestId && <p className={styles.requestId}>Request id {error.requestId}</p>}
        </details>
      )}
    </div>
  );
}
