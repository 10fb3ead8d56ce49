import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { SearchHit } from '../../shared/schemas/search';
import { call, errorMessage } from '../http/call';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { meetingPath, proposalPath } from '../meetings/paths';
import { routePath } from '../router/routes';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

function hitPath(hit: SearchHit): string {
  switch (hit.kind) {
    case 'proposal':
      return proposalPath(hit.id);
    case 'minutes':
      return meetingPath(hit.id);
    case 'strategy':
      return routePath({ page: 'strategy' });
  }
}

/** Proposals, minutes and the strategy that contain the words, each with up to three passages around them, the words marked, and how often they occur. */
@customElement('fw-search-page')
export class SearchPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      .intro {
        margin: 6px 0 24px;
        color: var(--fw-text-muted);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 12px;
      }
      li {
        padding: 16px 20px;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      .kind {
        font-weight: 700;
        color: var(--fw-primary-dark);
      }
      h2 {
        font-size: 1.125rem;
        margin: 4px 0 6px;
      }
      .snippet {
        margin: 0 0 4px;
        line-height: 1.6;
      }
      mark {
        background: #ffe58a;
        color: inherit;
        padding: 0 2px;
        border-radius: 2px;
      }
    `,
  ];

  @property() q = '';

  readonly #i18n = new LocaleController(this);
  readonly #hits = new Task(this, {
    task: async ([q]): Promise<SearchHit[]> => (q ? (await call(api.search, { query: { q } })).hits : []),
    args: () => [this.q] as const,
  });

  override render() {
    const { t } = this.#i18n;
    return html`<div class="page">
      <h1>${t.search.title}</h1>
      <p class="intro">${t.search.intro}</p>
      ${this.#hits.render({
        pending: () => html`<p class="status" role="status">${t.search.searching}</p>`,
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error, t.app.networkError)}</p>`,
        complete: (hits) => (this.q ? this.#renderHits(hits) : nothing),
      })}
    </div>`;
  }

  #renderHits(hits: SearchHit[]) {
    const { t, locale } = this.#i18n;
    if (hits.length === 0) return html`<p class="status" role="status">${t.search.empty(this.q)}</p>`;
    return html`<p role="status">${t.search.count(hits.length, this.q)}</p>
      <ol>
        ${repeat(
          hits,
          (h) => `${h.kind}:${h.id}:${h.field}`,
          (h) => html`<li class="card">
            <p class="meta">
              <span class="kind">${t.search.kinds[h.kind]}</span>
              <span>${t.search.fields[h.field]}</span>
              <span class="matches">${t.search.matches(h.matches)}</span>
              <span>${t.search.changed(formatDateTime(h.updatedAt, locale))}</span>
            </p>
            <h2><a href=${hitPath(h)}>${h.kind === 'strategy' ? t.strategy.title : h.title}</a></h2>
            ${h.snippets.map((s) => html`<p class="snippet">${s.before}<mark>${s.match}</mark>${s.after}</p>`)}
          </li>`,
        )}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-search-page': SearchPage;
  }
}
