import { useMemo } from 'preact/hooks';
import { BARCODE_HEIGHT_MODULES, barcodeSvg, qrSvg } from './pay-code-svg.ts';

/** Props of `PayCodeImage`. */
export interface PayCodeImageProps {
  format: 'qr' | 'gs1-128';
  /** What the image encodes. */
  text: string;
  /** The accessible name ("Pay code QR code" / "Pay code barcode"). */
  label: string;
}

/**
 * The pay code drawn as SVG shapes with presentation attributes only (no `style`, strict CSP):
 * black on a white quiet zone whatever the theme, so scanners read it.
 */
export function PayCodeImage({ format, text, label }: PayCodeImageProps) {
  const image = useMemo(() => (format === 'qr' ? qrSvg(text) : barcodeSvg(text)), [format, text]);
  if ('path' in image) {
    return (
      <svg
        role="img"
        aria-label={label}
        class="kassa-code"
        viewBox={`0 0 ${image.size} ${image.size}`}
        shape-rendering="crispEdges"
      >
        <rect width={image.size} height={image.size} fill="#fff" />
        <path d={image.path} fill="#000" />
      </svg>
    );
  }
  const height = BARCODE_HEIGHT_MODULES + 10;
  return (
    <svg
      role="img"
      aria-label={label}
      class="kassa-code kassa-code-barcode"
      viewBox={`0 0 ${image.width} ${height}`}
      shape-rendering="crispEdges"
    >
      <rect width={image.width} height={height} fill="#fff" />
      {image.bars.map(([x, width]) => (
        <rect key={x} x={x} y={5} width={width} height={BARCODE_HEIGHT_MODULES} fill="#000" />
      ))}
    </svg>
  );
}
