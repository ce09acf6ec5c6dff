import { useLayoutEffect } from 'preact/hooks';
import { useWidget } from './use-widget.ts';

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Adopts a lazy chunk's stylesheet into the widget's shadow root once, before the first paint of the
 * component that needs it (constructed stylesheet: strict CSP allows it, no `<style>` element).
 */
export function useStyles(cssText: string): void {
  const { host } = useWidget();
  useLayoutEffect(() => {
    const root = host.shadowRoot;
    if (!root) return;
    let sheet = sheets.get(cssText);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      sheets.set(cssText, sheet);
    }
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }, [host, cssText]);
}
