import { useThemeStore, type ThemeChoice } from './themeStore';

/** System, light or dark; React Flow follows through its colorMode. */
export function ThemeSelect() {
  const { choice, setChoice } = useThemeStore();
  return (
    <label className="theme-select">
      <span className="visually-hidden">Colour theme</span>
      <select value={choice} onChange={(event) => setChoice(event.target.value as ThemeChoice)} data-testid="theme-select">
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
