/**
 * The look of the sandbox's provider pages (design §4: the OKTO point of sale, vouchers and store
 * locator, the paysafecard page): a header bar with a sandbox badge and a centred card, styled by one
 * stylesheet served as a file, so the pages carry no `<style>`, no `style=` and no script and pass a
 * strict CSP. The stylesheet is kept as a module (style.ts) rather than a .css file on disk, so the
 * built package serves it without a copy step.
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SANDBOX_CSS, SANDBOX_ICON_SVG } from './style.ts';

/**
 * The header every sandbox page is served with: its stylesheet and icon come from the server itself.
 * No `form-action`: Chromium applies it to the redirects after a form post too, and the paysafecard
 * page's answer redirects to the shop's returnUrl on another origin.
 */
export const PAGE_CSP = "default-src 'self'; base-uri 'none'";

/** Where the stylesheet and icon live, relative to the sandbox mount (`/sandbox`). */
const ASSETS = { css: '/assets/sandbox.css', icon: '/assets/icon.svg' } as const;

/** Whose page the sandbox is standing in for: its name in the header and its accent colour. */
export type SandboxBrand = 'okto' | 'paysafecard' | 'odeon';
const BRAND_NAMES: Record<SandboxBrand, string> = {
  okto: 'OKTO Cash',
  paysafecard: 'paysafecard',
  odeon: 'OdeonPay',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The path the server is mounted under (`KASSA_PUBLIC_URL`'s path, '' at the root), for page links. */
export function basePath(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}

/** What a sandbox page shows; `body` must already be escaped markup. */
export interface PageOptions {
  title: string;
  brand: SandboxBrand;
  body: string;
  /** The server's public URL: links to the stylesheet and icon are built from its path. */
  publicUrl: string;
  /** Extra `<head>` markup, already escaped: same-origin scripts and stylesheets only (the CSP allows no other). */
  head?: string;
}

/** A complete sandbox page: header bar with the sandbox badge, the title and body in a centred card. */
export function page({ title, brand, body, publicUrl, head = '' }: PageOptions): string {
  const assets = `${escapeHtml(basePath(publicUrl))}/sandbox`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${BRAND_NAMES[brand]} (sandbox)</title>
<link rel="icon" href="${assets}${ASSETS.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${assets}${ASSETS.css}">
${head}</head>
<body class="brand-${brand}">
<header class="topbar">
<p class="brand"><span class="mark" aria-hidden="true"></span>${BRAND_NAMES[brand]}</p>
<p class="badge">Sandbox · test mode</p>
</header>
<main class="card">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
<footer class="foot"><p>Kassa sandbox · emulated provider page · no real money moves</p></footer>
</body>
</html>`;
}

/** Answers a sandbox page with its CSP; `no-store`, since each page shows a payment's live state. */
export function sendPage(c: Context, html: string, status: ContentfulStatusCode = 200): Response {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}

/** A definition list of label/value pairs. */
export function details(rows: readonly (readonly [string, string])[]): string {
  const items = rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl>${items.join('')}</dl>`;
}

/** Registers the stylesheet and icon routes on the sandbox app (mounted at `/sandbox`). */
export function registerSandboxAssets(app: Hono): void {
  const headers = (type: string) => ({ 'content-type': type, 'cache-control': 'public, max-age=3600' });
  app.get(ASSETS.css, (c) => c.body(SANDBOX_CSS, 200, headers('text/css; charset=utf-8')));
  app.get(ASSETS.icon, (c) => c.body(SANDBOX_ICON_SVG, 200, headers('image/svg+xml')));
}
