import { useContext } from 'preact/hooks';
import { Ctx, type WidgetContext } from './context.ts';

/** Reads the widget's context (views of the lazy chunks; see context.ts). */
export function useWidget(): WidgetContext {
  return useContext(Ctx);
}
