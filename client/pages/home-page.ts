import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import type { CallOutput } from '../../shared/api/endpoint';
import { projectEndsOn } from '../../shared/domain';
import { call, errorMessage } from '../http/call';
import '../components/countdown-card';
import '../components/subcommittee-card';
import { formatDate } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import '../action-items/my-action-items';
import '../meetings/home-panels';
import '../presence/online-list';
import { sharedStyles } from '../styles/shared-styles';
import { pageStyles } from './page-styles';

type ForumInfo = CallOutput<typeof api.forum>;

/** The forum at a glance: days left, the six subcommittees and their chairs, who is online. */
@customElement('fw-home-page')
export class HomePage extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      .hero {
        margin-bottom: 32px;
      }
      .hero h1 {
        font-size: 2.25rem;
      }
      .tagline {
        margin: 6px 0 24px;
        color: var(--fw-text-muted);
        font-size: 1.0625rem;
      }
      .countdowns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
        gap: 16px;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 320px;
        gap: 32px;
        align-items: start;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      h2 {
        margin-bottom: 16px;
      }
      .grid {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(220px, 45%), 1fr));
        gap: 16px;
      }
      .error {
        display: grid;
        gap: 12px;
        justify-items: start;
      }
    `,
  ];

  readonly #i18n = new LocaleController(this);
  readonly #forum = new Task(this, {
    task: async () => call(api.forum),
    args: () => [],
  });

  override render() {
    const { t } = this.#i18n;
    return html`<div class="page">
      ${this.#forum.render({
        initial: () => html`<p class="status" role="status">${t.app.loading}</p>`,
        pending: () => html`<p class="status" role="status">${t.app.loading}</p>`,
        error: (error) => html`<div class="error" role="alert">
          <p class="message error">${t.app.loadFailed} ${errorMessage(error, t.app.networkError)}</p>
          <button type="button" class="secondary" @click=${() => this.#forum.run()}>${t.app.retry}</button>
        </div>`,
        complete: (info) => this.#renderForum(info),
      })}
    </div>`;
  }

  #renderForum(info: ForumInfo) {
    const { t, locale } = this.#i18n;
    return html`
      <section class="hero" aria-labelledby="forum-title">
        <h1 id="forum-title">${t.forum.name}</h1>
        <p class="tagline">${t.home.tagline}</p>
        <div class="countdowns">
          <fw-countdown-card
            .label=${t.forum.project}
            .detail=${`${this.#projectStage(info)} · ${t.home.projectEndsOn(formatDate(projectEndsOn(info.forum), locale))}`}
            .daysLeft=${info.projectDaysLeft}
          ></fw-countdown-card>
          <fw-countdown-card
            tone="navy"
            .label=${t.forum.strategy}
            .detail=${t.home.strategyDueOn(formatDate(info.forum.strategyDueOn, locale))}
            .daysLeft=${info.strategyDaysLeft}
          ></fw-countdown-card>
        </div>
      </section>
      <fw-my-action-items></fw-my-action-items>
      <fw-home-meeting-panels></fw-home-meeting-panels>
      <div class="layout">
        <section aria-labelledby="subcommittees-title">
          <h2 id="subcommittees-title">${t.home.subcommitteesTitle}</h2>
          <ul class="grid">
            ${repeat(
              info.subcommittees,
              (s) => s.id,
              (s) => html`<li><fw-subcommittee-card .subcommittee=${s}></fw-subcommittee-card></li>`,
            )}
          </ul>
        </section>
        <fw-online-list></fw-online-list>
      </div>
    `;
  }

  #projectStage(info: ForumInfo): string {
    const { t } = this.#i18n;
    if (info.projectDay < 1) return t.home.projectNotStarted(1 - info.projectDay);
    if (info.projectDay > info.forum.projectDays) return t.home.projectEnded;
    return t.home.projectDay(info.projectDay, info.forum.projectDays);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-home-page': HomePage;
  }
}
