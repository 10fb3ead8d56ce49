import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../shared/api/endpoints';
import { isLive } from '../../shared/meetings/state-machine';
import type { Attendance, MeetingState } from '../../shared/schemas/meetings';
import { SubmitController } from '../forms/submit-controller';
import { call } from '../http/call';
import { LocaleController } from '../i18n/i18n';
import { roleLabel } from '../i18n/labels';
import { sharedStyles } from '../styles/shared-styles';
import { saidAck } from './ack-message';
import { formatClock } from './format';
import type { MeetingController } from './meeting-controller';
import { panelStyles } from './meeting-styles';
import type { MeetingAbilities } from './permissions';

/** Attendance is fetched again at most this often while people come and go. */
const refreshAfterMs = 1_500;

/**
 * "출석 현황": who was recorded present (first seen, from presence) and who checked in,
 * with the "출석 확인" button for participants while the meeting is live.
 */
@customElement('fw-attendance-panel')
export class AttendancePanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .mine {
        margin-bottom: 12px;
        display: grid;
        gap: 8px;
        justify-items: start;
      }
      table {
        font-size: 0.9375rem;
      }
      th,
      td {
        padding: 8px 6px;
      }
      /* Names, roles and headings wrap so the check-in column stays inside a narrow panel
         (a phone, or four panels in a row); the times do not. */
      th {
        white-space: normal;
      }
      td {
        white-space: nowrap;
      }
      .yes {
        color: var(--fw-success);
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) state: MeetingState | null = null;
  @property({ attribute: false }) room: MeetingController | null = null;
  @property({ attribute: false }) abilities: MeetingAbilities | null = null;
  @property({ attribute: false }) userId = '';
  @state() private rows: Attendance[] = [];

  readonly #i18n = new LocaleController(this);
  /** The check-in; its error region also tells of a list that would not load. */
  readonly #sending = new SubmitController(this);
  #key = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#request++;
    this.#key = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('state') || !this.state) return;
    // Fetch again when someone arrives or checks in.
    const s = this.state;
    const key = `${s.meeting.id}|${s.meeting.status}|${s.checkedIn.join()}|${s.present.map((p) => p.userId).sort().join()}`;
    if (key === this.#key) return;
    const first = !this.#key.startsWith(`${s.meeting.id}|`);
    this.#key = key;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#load(s.meeting.id), first ? 0 : refreshAfterMs);
  }

  async #load(id: string): Promise<void> {
    const request = ++this.#request;
    try {
      const { meeting } = await call(api.meeting, { params: { id } });
      if (request === this.#request) this.rows = meeting.attendance;
    } catch (error) {
      if (request === this.#request) this.#sending.report(error);
    }
  }

  override render() {
    const { t, locale } = this.#i18n;
    const a = t.meetings.attendance;
    const state = this.state;
    if (!state) return nothing;
    const live = isLive(state.meeting.status);
    const checkedIn = new Set(state.checkedIn);
    const mine = checkedIn.has(this.userId);
    const myRow = this.rows.find((r) => r.userId === this.userId);
    const rows = [...this.rows].sort((x, y) => x.firstSeenAt.localeCompare(y.firstSeenAt));
    const { error } = this.#sending;
    return html`<section class="panel" aria-labelledby="attendance-title">
      <header>
        <h2 id="attendance-title">${a.title}</h2>
        <span class="count">${a.count(state.checkedIn.length, rows.length)}</span>
      </header>
      ${this.abilities?.participate
        ? html`<div class="mine">
            ${mine
              ? html`<p class="yes">${myRow?.checkedInAt ? a.checkedIn(formatClock(myRow.checkedInAt, locale)) : a.checkedInAt}</p>`
              : live
                ? html`<button type="button" ?disabled=${this.#sending.busy} @click=${this.#checkIn}>${a.checkIn}</button>`
                : state.meeting.status === 'scheduled'
                  ? html`<p class="meta">${a.onlyLive}</p>`
                  : nothing}
          </div>`
        : nothing}
      <div role="status">${error ? html`<p class="message error">${error(t)}</p>` : nothing}</div>
      ${rows.length === 0
        ? html`<p class="muted">${a.empty}</p>`
        : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${a.name}</th>
                  <th scope="col">${a.firstSeen}</th>
                  <th scope="col">${a.checkedInAt}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  rows,
                  (r) => r.userId,
                  (r) => html`<tr>
                    <th scope="row">${r.name}<br /><span class="meta">${roleLabel(t, r)}</span></th>
                    <td><time datetime=${r.firstSeenAt}>${formatClock(r.firstSeenAt, locale)}</time></td>
                    <td>
                      ${r.checkedInAt
                        ? html`<time class="yes" datetime=${r.checkedInAt}>${formatClock(r.checkedInAt, locale)}</time>`
                        : html`<span class="meta" aria-hidden="true">–</span><span class="visually-hidden">${a.notCheckedIn}</span>`}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  readonly #checkIn = async () => {
    const room = this.room;
    if (!room) return;
    await this.#sending.ask(() => room.checkIn(), saidAck);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-attendance-panel': AttendancePanel;
  }
}
