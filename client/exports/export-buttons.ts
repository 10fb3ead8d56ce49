import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { documentFormats, type DocumentFormat } from '../../shared/exports';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';


/** After this long without the file, the button says what is happening. */
const showProgressAfterMs = 1000;

/** The file name from `Content-Disposition` (`filename*` first, RFC 5987). */
export function dispositionName(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // fall through to the plain name
    }
  }
  return header?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * "내보내기: PDF · Word · 한글 · Markdown · 인쇄" for a record (`base` is the export URL
 * without its extension, e.g. `/api/exports/minutes/12`). The file is fetched with the
 * session cookie and saved under the server's Korean name; an export that takes longer
 * than a second shows what it is doing (preparing, then the share received).
 */
@customElement('fw-export-buttons')
export class ExportButtons extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .label {
        font-weight: 700;
        font-size: 0.875rem;
        margin-right: 4px;
      }
      .status {
        font-size: 0.875rem;
        color: var(--fw-text-muted, #555);
      }
      @media print {
        :host {
          display: none !important;
        }
      }
    `,
  ];

  /** The export URL without extension. */
  @property() base = '';
  /** A note shown beside the buttons (e.g. that a draft exports marked as such). */
  @property() note = '';
  @state() private busy: DocumentFormat | null = null;
  @state() private progress: string | null = null;
  @state() private error: string | null = null;

  readonly #i18n = new LocaleController(this);

  override render() {
    const t = this.#i18n.t.strategy.exports;
    return html`<div class="row" role="group" aria-label=${t.label}>
        <span class="label">${t.label}</span>
        ${documentFormats.map(
          (f) => html`<button type="button" class="secondary small" data-format=${f} ?disabled=${this.busy !== null} @click=${() => void this.#download(f)}>
            ${t.formats[f]}
          </button>`,
        )}
        <button type="button" class="secondary small" @click=${() => window.print()}>${t.print}</button>
        <span class="status" role="status" aria-live="polite">${this.progress ?? ''}</span>
      </div>
      ${this.note ? html`<p class="status">${this.note}</p>` : nothing}
      ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}`;
  }

  async #download(format: DocumentFormat): Promise<void> {
    const t = this.#i18n.t.strategy.exports;
    this.busy = format;
    this.error = null;
    let shown = false;
    let status = t.preparing;
    const timer = setTimeout(() => {
      shown = true;
      this.progress = status;
    }, showProgressAfterMs);
    const report = (text: string) => {
      status = text;
      if (shown) this.progress = text;
    };
    try {
      const res = await fetch(`${this.base}.${format}`, { credentials: 'same-origin' });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `${res.status}`);
      }
      const total = Number(res.headers.get('content-length')) || 0;
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        report(total > 0 ? t.progress(Math.round((received / total) * 100)) : t.received(Math.round(received / 1024)));
      }
      const name = dispositionName(res.headers.get('content-disposition'), `export.${format}`);
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.error = `${t.failed} ${error instanceof Error ? error.message : ''}`.trim();
    } finally {
      clearTimeout(timer);
      this.busy = null;
      this.progress = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-export-buttons': ExportButtons;
  }
}
