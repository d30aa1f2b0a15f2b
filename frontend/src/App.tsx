import { useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './api/queries';
import { StatusBadge } from './components/StatusBadge';
import { Workspace } from './canvas/Workspace';
import { FlowMenu } from './flows/FlowMenu';
import { ThemeSelect } from './theme/ThemeSelect';
import styles from './App.module.css';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ReactFlowProvider>
        <div className={styles.app}>
          <header className={styles.header}>
            <div className={styles.brand}>
              <span className={styles.logo} aria-hidden="true">
                ✦
              </span>
              <h1 className={styles.name}>GenieCanvas</h1>
              <FlowMenu />
            </div>
            <div className={styles.end}>
              <StatusBadge />
              <ThemeSelect />
            </div>
          </header>
          <Workspace />
        </div>
      </ReactFlowProvider>
    </QueryClientProvider>
  );
}
