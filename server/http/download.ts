/**
 * How a download is served: the media type of each file format, a file name every system takes,
 * and the `Content-Disposition` that carries it (exports and the poll results CSV).
 */

/** Export formats and their media types. */
export const exportFormats = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  hwpx: 'application/hwp+zip',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;
export type ExportFormat = keyof typeof exportFormats;

/** Characters no file system takes, and controls. */
const unsafe = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/** "제1차 회의 회의록_2026-11-20.pdf": title and date, safe on Windows, macOS and Linux. */
export function exportFileName(title: string, date: string, format: ExportFormat): string {
  const base = title.normalize('NFC').replace(unsafe, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'forum';
  return `${base}_${date}.${format}`;
}

/**
 * `Content-Disposition` with the Korean name (RFC 6266 and RFC 5987 `filename*`)
 * and an ASCII fallback for clients that read only `filename`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').replace(/\s+/g, ' ').trim();
  const fallback = /^[._ -]*\.[a-z]+$/.test(ascii) || !ascii ? `forum${fileName.slice(fileName.lastIndexOf('.'))}` : ascii;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
