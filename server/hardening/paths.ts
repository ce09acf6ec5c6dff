/** Route paths as the hardening middleware sees them (after the KASSA_PUBLIC_URL path is stripped). */

/** Whether `path` is `prefix` or lies below it (`/api` covers `/api/orders`, not `/apis`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
