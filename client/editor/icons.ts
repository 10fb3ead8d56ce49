import { svg } from 'lit';

/** Toolbar glyphs, 20×20, drawn with currentColor; the buttons carry the names. */
const icon = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const icons = {
  bulletList: icon(svg`<circle cx="4" cy="5" r="1.2" fill="currentColor" stroke="none"/><circle cx="4" cy="10" r="1.2" fill="currentColor" stroke="none"/><circle cx="4" cy="15" r="1.2" fill="currentColor" stroke="none"/><path d="M8 5h9M8 10h9M8 15h9"/>`),
  orderedList: icon(svg`<path d="M3 3.5h1.5v4M3 7.5h3M8 5h9M8 10h9M8 15h9M3 12.5c0-.8.6-1.3 1.4-1.3s1.4.5 1.4 1.2c0 1.2-2.8 1.8-2.8 3.6h2.9"/>`),
  link: icon(svg`<path d="M8.5 11.5a3.2 3.2 0 0 0 4.6 0l2.6-2.6a3.2 3.2 0 0 0-4.6-4.6l-1 1"/><path d="M11.5 8.5a3.2 3.2 0 0 0-4.6 0l-2.6 2.6a3.2 3.2 0 0 0 4.6 4.6l1-1"/>`),
  unlink: icon(svg`<path d="M8.5 11.5a3.2 3.2 0 0 0 4.6 0l2.6-2.6a3.2 3.2 0 0 0-4.6-4.6l-1 1"/><path d="M11.5 8.5a3.2 3.2 0 0 0-4.6 0l-2.6 2.6a3.2 3.2 0 0 0 4.6 4.6l1-1"/><path d="M3 3l14 14"/>`),
  table: icon(svg`<rect x="2.5" y="3.5" width="15" height="13" rx="1.5"/><path d="M2.5 8h15M2.5 12.3h15M7.5 3.5v13M12.5 3.5v13"/>`),
  addRow: icon(svg`<rect x="2.5" y="3" width="15" height="7" rx="1"/><path d="M10 12.5v5M7.5 15h5"/>`),
  addColumn: icon(svg`<rect x="3" y="2.5" width="7" height="15" rx="1"/><path d="M12.5 10h5M15 7.5v5"/>`),
  deleteRow: icon(svg`<rect x="2.5" y="3" width="15" height="7" rx="1"/><path d="M7.5 15h5"/>`),
  deleteColumn: icon(svg`<rect x="3" y="2.5" width="7" height="15" rx="1"/><path d="M12.5 10h5"/>`),
  deleteTable: icon(svg`<rect x="2.5" y="3.5" width="15" height="13" rx="1.5"/><path d="M7 8l6 5M13 8l-6 5"/>`),
  undo: icon(svg`<path d="M7 5L3.5 8.5 7 12"/><path d="M3.5 8.5H12a4.5 4.5 0 0 1 0 9H9"/>`),
  redo: icon(svg`<path d="M13 5l3.5 3.5L13 12"/><path d="M16.5 8.5H8a4.5 4.5 0 0 0 0 9h3"/>`),
};
