import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../shared/api/endpoints';
import type { CalendarSubscription as Subscription } from '../../shared/schemas/calendar';
import { SubmitController } from '../forms/submit-controller';
import { call, errorMessage } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import type { Said } from '../i18n/said';
import { formatSeoulDay } from '../../shared/dates';
import { sharedStyles } from '../styles/shared-styles';

/**
 * "내 회의 캘린더 구독": the person's private feed address, made, replaced or revoked here.
 * Only a hash is stored, so the address shows once, right after it is made.
 */
@customElement('fw-calendar-subscription')
export class CalendarSubscriptionPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .url {
        display: block;
        width: 100%;
        font-family: ui-monospace, monospace;
        font-size: 0.875rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 8px;
      }
    `,
  ];

  @state() private current: Subscription | null = null;

  readonly #i18n = new LocaleController(this);
  readonly #sending = new SubmitController(this);
  readonly #load = new Task(this, {
    task: async () => {
      this.current = (await call(api.calendarSubscription)).subscription;
    },
    args: () => [],
  });

  override render() {
    const { t, locale } = this.#i18n;
    const c = t.notifications.calendar;
    const sub = this.current;
    const since = sub?.createdAt ? formatSeoulDay(sub.createdAt, locale) : null;
    // Plain, not green: the one notice here is that the address was revoked.
    const { notice } = this.#sending;
    return html`<section class="panel" aria-labelledby="cal-title">
      <h2 id="cal-title">${c.subscribe}</h2>
      <p class="muted">${c.subscribeIntro}</p>
      ${this.#load.render({ pending: () => html`<p role="status">${t.app.loading}</p>`, error: (e) => html`<p class="message error">${errorMessage(e, t.app.networkError)}</p>` })}
      ${sub?.url
        ? html`<label>${c.copyHint}<input class="url" readonly .value=${sub.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label>`
        : html`<p>${since ? c.since(since) : c.none}</p>`}
      <div class="actions">
        <button type="button" class="secondary small" ?disabled=${this.#sending.busy} @click=${this.#rotate}>${sub?.createdAt ? c.rotate : c.make}</button>
        ${sub?.createdAt ? html`<button type="button" class="secondary small warn" ?disabled=${this.#sending.busy} @click=${this.#revoke}>${c.revoke}</button>` : nothing}
      </div>
      <div role="status">${notice ? html`<p class="message">${notice(t)}</p>` : nothing}</div>
      <div role="alert">${this.#sending.renderError(t)}</div>
    </section>`;
  }

  readonly #rotate = () => this.#run(async () => (await call(api.rotateCalendarSubscription)).subscription, null);
  readonly #revoke = () => this.#run(async () => (await call(api.revokeCalendarSubscription)).subscription, (t) => t.notifications.calendar.revoked);

  async #run(action: () => Promise<Subscription>, notice: Said | null) {
    await this.#sending.run(async () => {
      this.current = await action();
      if (notice) this.#sending.tell(notice);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-calendar-subscription': CalendarSubscriptionPanel;
  }
}
