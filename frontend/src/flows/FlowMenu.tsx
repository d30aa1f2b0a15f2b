import { useCanvasStore } from '../store/canvasStore';

/** Placeholder until the flow menu lands: the flow's name. */
export function FlowMenu() {
  const name = useCanvasStore((s) => s.name);
  return <span>{name}</span>;
}
