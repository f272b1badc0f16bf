/** Set (or with null, expire) the CSRF cookie the server would set at login. */
export function setCsrfCookie(value: string | null): void {
  const cookie =
    value === null
      ? 'banyan_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
      : `banyan_csrf=${encodeURIComponent(value)}; path=/`;
  // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API; this stands in for the server's Set-Cookie
  document.cookie = cookie;
}
