/**
 * Caret colours: dark enough for white label text (WCAG AA) and far enough apart
 * to tell six chairs and the ministry apart.
 */
const palette = ['#1d4ed8', '#b42318', '#047857', '#7e22ce', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#4338ca', '#9a3412'];

/** A stable colour for a user id (FNV-1a hash), the same on every screen. */
export function userColour(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return palette[hash % palette.length]!;
}
