import { css, html } from 'lit';
import type { MeetingStatus, MinutesStatus } from '../../shared/meetings/state-machine';
import type { Catalogue } from '../i18n/catalogue';

/** A panel that fills its column around a document: the editor scrolls inside `.scroller`. */
export const editorPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .panel {
    display: flex;
    flex-direction: column;
    min-height: 0;
    flex: 1;
    padding: 0;
    overflow: hidden;
  }
  .scroller {
    flex: 1;
    min-height: 240px;
    overflow: auto;
    border-top: 1px solid var(--fw-border);
    overscroll-behavior: contain;
  }
  /* On paper: the whole text, no scroll box. */
  @media print {
    .panel,
    .scroller {
      overflow: visible !important;
      height: auto !important;
      border: none !important;
    }
  }
`;

/** The panels of the meeting pages: a card with a heading row, lists, small buttons, badges. */
export const panelStyles = css`
  .panel {
    background: var(--fw-surface);
    border: 1px solid var(--fw-border);
    border-radius: 12px;
    padding: 18px 20px;
  }
  .panel > header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 12px;
    flex-wrap: wrap;
    margin-bottom: 12px;
  }
  .panel h2 {
    font-size: 1.125rem;
  }
  .panel h3 {
    font-size: 1rem;
  }
  .count {
    color: var(--fw-text-muted);
    font-weight: 600;
    font-size: 0.9375rem;
  }
  ul.plain,
  ol.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button.small,
  a.button.small {
    min-height: 36px;
    padding: 0 12px;
    font-size: 0.9375rem;
  }
  /* Filled red here, so the label is reset to white: the shared warn style's red text
     would vanish into it (issue 17). */
  button.warn {
    background: var(--fw-danger);
    border-color: var(--fw-danger);
    color: #fff;
  }
  button.warn:hover {
    background: #8f1c13;
    border-color: #8f1c13;
    color: #fff;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    font-size: 0.875rem;
    font-weight: 700;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.scheduled {
    color: var(--fw-primary-dark);
    background: var(--fw-primary-soft);
  }
  .badge.live {
    color: #fff;
    background: #b42318;
    border-color: #b42318;
  }
  .badge.live::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #fff;
  }
  .badge.ended {
    color: var(--fw-text-muted);
    background: var(--fw-bg);
  }
  .badge.cancelled {
    color: #8a1c1c;
    background: #fde8e8;
  }
  .badge.draft {
    color: var(--fw-away);
    background: #fff7e6;
  }
  .badge.circulated {
    color: var(--fw-primary-dark);
    background: var(--fw-primary-soft);
  }
  .badge.approved {
    color: var(--fw-success);
    background: var(--fw-success-soft);
  }
  .message.info {
    color: var(--fw-text);
    background: var(--fw-primary-soft);
    border-left-color: var(--fw-primary);
  }
  .timer {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .over {
    color: var(--fw-danger);
  }
  .meta {
    font-size: 0.875rem;
    color: var(--fw-text-muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .flash {
      animation: fw-flash 1.2s ease-out;
    }
    @keyframes fw-flash {
      from {
        background: #fff3c4;
      }
    }
  }
`;

/** "진행 중" and the like, as a pill. */
export const meetingStatusBadge = (t: Catalogue, status: MeetingStatus) =>
  html`<span class="badge ${status}">${t.meetings.statuses[status]}</span>`;

export const minutesStatusBadge = (t: Catalogue, status: MinutesStatus) =>
  html`<span class="badge ${status}">${t.meetings.minutesStatuses[status]}</span>`;
