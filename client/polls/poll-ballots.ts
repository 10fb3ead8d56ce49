import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PollView } from '../../shared/schemas/polls';
import { formatDateTime } from '../i18n/format';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { optionLabel } from './poll-format';

/** The CSV export of a poll's ballots (server/polls/csv.ts); the only place the ballots are served. */
export const exportPath = (pollId: string): string => `/api/polls/${encodeURIComponent(pollId)}/export.csv`;

/** RFC 4180 rows, as the export writes them (every cell quoted, CRLF, a BOM first). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  // The export prefixes cells that look like formulas with an apostrophe; undo it for display.
  return rows.map((r) => r.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
}

interface BallotRow {
  voter: string;
  castBy: string;
  choices: string[];
  castAt: string;
}

/** The ballots section of the export: the rows after the blank line and its header. */
function ballotRows(rows: string[][]): BallotRow[] {
  const blank = rows.findIndex((r) => r.every((c) => c === ''));
  if (blank < 0) return [];
  return rows
    .slice(blank + 2)
    .filter((r) => r.some((c) => c !== ''))
    .map(([voter = '', castBy = '', choice = '', castAt = '']) => ({ voter, castBy, choices: choice ? choice.split('; ') : [], castAt }));
}

type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; rows: BallotRow[] } | { kind: 'error'; message: string };

/**
 * Who voted what in a closed named poll (who voted, for a secret one), read
 * from the poll's CSV export when first opened.
 */
@customElement('fw-poll-ballots')
export class PollBallots extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      details {
        margin-top: 8px;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        color: var(--fw-primary);
        min-height: 32px;
        padding: 4px 0;
      }
      table {
        margin-top: 8px;
        font-size: 0.9375rem;
      }
      th,
      td {
        padding: 8px 10px;
      }
    `,
  ];

  @property({ attribute: false }) poll: PollView | null = null;

  @state() private load: Load = { kind: 'idle' };

  readonly #i18n = new LocaleController(this);

  override render() {
    const poll = this.poll;
    if (!poll || poll.status !== 'closed') return nothing;
    const { t } = this.#i18n;
    return html`<details @toggle=${this.#toggled}>
      <summary>${poll.ballot === 'named' ? t.polls.past.ballotsShow : t.polls.past.secretVoters}</summary>
      ${this.#renderBody(poll)}
    </details>`;
  }

  #renderBody(poll: PollView) {
    const { t, locale } = this.#i18n;
    const p = t.polls.past;
    switch (this.load.kind) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<p class="muted" role="status">${p.ballotsLoading}</p>`;
      case 'error':
        return html`<p class="message error" role="alert">${this.load.message}</p>`;
      case 'ready': {
        const rows = this.load.rows;
        if (rows.length === 0) return html`<p class="muted">${p.ballotsEmpty}</p>`;
        const named = poll.ballot === 'named';
        const label = (text: string) => {
          const option = poll.options.find((o) => o.label === text);
          return option ? optionLabel(t, poll, option.id) : text;
        };
        return html`<div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${p.voter}</th>
                ${named ? html`<th scope="col">${p.choice}</th>` : nothing}
                <th scope="col">${p.castBy}</th>
                ${named ? html`<th scope="col">${p.castAt}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) => html`<tr>
                  <th scope="row">${r.voter}</th>
                  ${named ? html`<td>${r.choices.map(label).join(', ')}</td>` : nothing}
                  <td>${r.castBy}</td>
                  ${named ? html`<td>${r.castAt && !Number.isNaN(Date.parse(r.castAt)) ? formatDateTime(r.castAt, locale) : r.castAt}</td>` : nothing}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`;
      }
      default: {
        const unknown: never = this.load;
        throw new Error(`unhandled load ${JSON.stringify(unknown)}`);
      }
    }
  }

  readonly #toggled = async (event: Event) => {
    const poll = this.poll;
    if (!poll || !(event.target as HTMLDetailsElement).open || this.load.kind === 'loading' || this.load.kind === 'ready') return;
    this.load = { kind: 'loading' };
    try {
      const res = await fetch(exportPath(poll.id), { credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        this.load = { kind: 'error', message: body?.error?.message ?? res.statusText };
        return;
      }
      this.load = { kind: 'ready', rows: ballotRows(parseCsv(await res.text())) };
    } catch {
      this.load = { kind: 'error', message: this.#i18n.t.polls.errors.offline };
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-poll-ballots': PollBallots;
  }
}
