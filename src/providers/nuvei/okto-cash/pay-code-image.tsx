import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BARCODE_HEIGHT_MODULES, barcodeSvg, qrSvg } from './pay-code-svg.ts';

/** Props of `PayCodeImage`. */
export interface PayCodeImageProps {
  format: 'qr' | 'gs1-128';
  /** What the image encodes. */
  text: string;
  /** The accessible name ("Pay code QR code" / "Pay code barcode"). */
  label: string;
  /** The human-readable text printed under the bars (barcodes only). */
  caption?: string;
}

/** Widest the drawn code gets, in CSS px: a QR code larger than this only costs room. */
const MAX_WIDTH_PX = { qr: 232, 'gs1-128': 640 } as const;

/**
 * Device pixels per module: the most whole pixels that fit `available` CSS px, at least one. A reader
 * needs every module the same whole number of pixels wide: a 297-module GS1-128 code squeezed into
 * 280 CSS px at device pixel ratio 1 has modules under a pixel and does not decode (platform-notes.md
 * "Pay codes"). Below one pixel per module the box scrolls rather than shrink the code.
 */
export function devicePixelsPerModule(modules: number, availableCssPx: number, pixelRatio: number): number {
  return Math.max(1, Math.floor((availableCssPx * pixelRatio) / modules));
}

/**
 * The pay code drawn as SVG shapes with presentation attributes only (no `style`, strict CSP): black on
 * white quiet zones (4 modules for QR, 10 for GS1-128) whatever the theme, sized to whole device pixels
 * per module for the box it is in (re-measured when the box or the pixel ratio changes).
 */
export function PayCodeImage({ format, text, label, caption }: PayCodeImageProps) {
  const image = useMemo(() => (format === 'qr' ? qrSvg(text) : barcodeSvg(text)), [format, text]);
  const modules = 'path' in image ? image.size : image.width;
  const box = useRef<HTMLDivElement>(null);
  const [cssPerModule, setCssPerModule] = useState(1);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const ratio = globalThis.devicePixelRatio || 1;
      const available = Math.min(element.clientWidth || modules, MAX_WIDTH_PX[format]);
      setCssPerModule(devicePixelsPerModule(modules, available, ratio) / ratio);
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(element);
    // A window moved to another screen, or zoomed, changes the ratio without resizing the box.
    const ratioQuery = globalThis.matchMedia?.(`(resolution: ${globalThis.devicePixelRatio || 1}dppx)`);
    ratioQuery?.addEventListener?.('change', measure);
    return () => {
      observer?.disconnect();
      ratioQuery?.removeEventListener?.('change', measure);
    };
  }, [modules, format]);
  const width = modules * cssPerModule;
  if ('path' in image) {
    return (
      <div ref={box} class="kassa-code-box">
        <svg
          role="img"
          aria-label={label}
          class="kassa-code"
          width={width}
          height={width}
          viewBox={`0 0 ${modules} ${modules}`}
          shape-rendering="crispEdges"
        >
          <rect width={modules} height={modules} fill="#fff" />
          <path d={image.path} fill="#000" />
        </svg>
      </div>
    );
  }
  // Five white modules above and below the bars, inside the drawn quiet zone.
  const height = BARCODE_HEIGHT_MODULES + 10;
  return (
    <div ref={box} class="kassa-code-box">
      <div class="kassa-code-card">
        <svg
          role="img"
          aria-label={label}
          class="kassa-code"
          width={width}
          height={height * cssPerModule}
          viewBox={`0 0 ${modules} ${height}`}
          shape-rendering="crispEdges"
        >
          <rect width={modules} height={height} fill="#fff" />
          {image.bars.map(([x, barWidth]) => (
            <rect key={x} x={x} y={5} width={barWidth} height={BARCODE_HEIGHT_MODULES} fill="#000" />
          ))}
        </svg>
        {caption && (
          <p class="kassa-hri" aria-hidden="true">
            {caption}
          </p>
        )}
      </div>
    </div>
  );
}
