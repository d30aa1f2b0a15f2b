import { useEffect, useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The user's choice, kept in this browser. "system" follows prefers-color-scheme. */
export const useThemeStore = create<{ choice: ThemeChoice; setChoice: (choice: ThemeChoice) => void }>()(
  persist((set) => ({ choice: 'system', setChoice: (choice) => set({ choice }) }), { name: 'geniecanvas.theme' }),
);

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void) {
  const query = darkQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** 'light' or 'dark' as shown now; also set on <html data-theme> so every CSS module sees it. */
export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useThemeStore((s) => s.choice);
  const systemDark = useSyncExternalStore(subscribe, () => darkQuery()?.matches ?? false, () => false);
  const theme = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
