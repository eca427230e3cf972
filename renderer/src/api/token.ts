// The host's per-launch token: taken from ?token= on load, kept for this tab in sessionStorage, and removed
// from the address bar so it is not left in screenshots, history or bookmarks.
export const TOKEN_KEY = 'fleetplan.token';

export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    // A fresh URL wins over a stored token: after a restart the old one is refused.
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
