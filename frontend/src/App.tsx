import { ReactFlowProvider } from '@xyflow/react';
import { StatusBadge } from './components/StatusBadge';
import { Workspace } from './canvas/Workspace';
import styles from './App.module.css';

export function App() {
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            ✦
          </span>
          <span className={styles.name}>GenieCanvas</span>
          <span className={styles.tagline}>Agent Bricks flows on Databricks</span>
        </div>
        <StatusBadge />
      </header>
      <ReactFlowProvider>
        <Workspace />
      </ReactFlowProvider>
    </div>
  );
}
