import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../i18n/i18n';
import type { ProposalState } from '../proposals/proposal-controller';
import '../proposals/status-badge';
import { sharedStyles } from '../styles/shared-styles';
import { editorPanelStyles, panelStyles } from './meeting-styles';
import { proposalPath } from './paths';

/**
 * The current agenda item's proposal: its title, a link to its page, and its text (the
 * page's `<fw-editor>`, slotted in as `editor`), editable where the server allows.
 */
@customElement('fw-meeting-proposal')
export class MeetingProposal extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    editorPanelStyles,
    css`
      .head {
        padding: 16px 20px 10px;
        display: grid;
        gap: 6px;
      }
      .head h2 {
        font-size: 1.125rem;
      }
      .kicker {
        font-size: 0.8125rem;
        font-weight: 700;
        color: var(--fw-text-muted);
      }
      .message {
        margin: 0 20px 10px;
      }
      .empty {
        padding: 16px 20px 20px;
      }
    `,
  ];

  /** Null when the current item links no proposal. */
  @property({ attribute: false }) proposal: ProposalState | null = null;

  readonly #i18n = new LocaleController(this);

  get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  override render() {
    const { t } = this.#i18n;
    const p = t.meetings.proposal;
    const state = this.proposal;
    return html`<section class="panel" aria-labelledby="proposal-title">
      ${this.#head(state)}
      ${state?.kind === 'ready'
        ? html`${state.proposal.canEdit ? nothing : html`<p class="message info">${p.readOnly}</p>`}
            <!-- a stop for the keyboard: read-only text has nothing focusable to scroll it by -->
            <div class="scroller" tabindex="0"><slot name="editor"></slot></div>`
        : nothing}
    </section>`;
  }

  #head(state: ProposalState | null) {
    const { t } = this.#i18n;
    const p = t.meetings.proposal;
    if (!state) {
      return html`<div class="head"><h2 id="proposal-title">${p.title}</h2></div>
        <p class="empty muted">${p.none}</p>`;
    }
    switch (state.kind) {
      case 'loading':
        return html`<div class="head"><h2 id="proposal-title">${p.title}</h2></div>
          <p class="empty muted" role="status">${p.loading}</p>`;
      case 'notFound':
      case 'error':
        return html`<div class="head"><h2 id="proposal-title">${p.title}</h2></div>
          <p class="empty muted">${p.notFound}</p>`;
      case 'ready': {
        const proposal = state.proposal;
        return html`<div class="head">
          <p class="kicker">${p.title} · ${t.subcommittees[proposal.subcommittee]}</p>
          <h2 id="proposal-title">${proposal.title}</h2>
          <p class="actions">
            <fw-status-badge status=${proposal.status}></fw-status-badge>
            <a href=${proposalPath(proposal.id)}>${p.open}</a>
          </p>
        </div>`;
      }
      default: {
        const unknown: never = state;
        throw new Error(`unhandled state ${JSON.stringify(unknown)}`);
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-meeting-proposal': MeetingProposal;
  }
}
