import { css } from 'lit';

/** The comment threads beside the text: composer, threads, quotes, replies. */
export const commentsPanelStyles = css`
      .top {
        display: grid;
        gap: 8px;
        margin-bottom: 16px;
      }
      .hint {
        font-size: 0.875rem;
      }
      form {
        gap: 10px;
        padding: 14px;
        border: 1px solid var(--fw-border);
        border-radius: 10px;
        background: var(--fw-surface);
        margin-bottom: 16px;
      }
      textarea {
        font: inherit;
        width: 100%;
        min-height: 84px;
        padding: 10px 12px;
        border: 1px solid var(--fw-border-strong);
        border-radius: var(--fw-radius);
        resize: vertical;
        color: var(--fw-text);
      }
      textarea:focus-visible {
        outline: 3px solid var(--fw-focus);
        outline-offset: 1px;
      }
      .row {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .row button,
      .top button {
        min-height: 40px;
        padding: 0 16px;
      }
      ol.threads {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 12px;
      }
      .thread {
        padding: 14px 16px;
        border: 1px solid var(--fw-border);
        border-left: 4px solid #e0a800;
        border-radius: 10px;
        background: var(--fw-surface);
        display: grid;
        gap: 8px;
      }
      .thread.active {
        border-color: #e0a800;
        box-shadow: 0 0 0 3px #fff1bf;
      }
      .thread.resolved {
        border-left-color: var(--fw-border-strong);
        background: #fafbfc;
      }
      .quote {
        display: block;
        width: 100%;
        min-height: 0;
        padding: 4px 10px;
        border: 0;
        border-left: 3px solid #e0a800;
        border-radius: 0;
        background: #fffaeb;
        color: var(--fw-text);
        font-weight: 400;
        font-size: 0.9375rem;
        text-align: left;
        white-space: normal;
        justify-content: flex-start;
      }
      button.quote:hover {
        background: #fff1bf;
        color: var(--fw-text);
        border-color: #e0a800;
      }
      .quote .text {
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .quote.gone {
        border-left-color: var(--fw-border-strong);
        background: var(--fw-bg);
        color: var(--fw-text-muted);
      }
      /* Said in words for everyone, not only to screen readers (issue 17). */
      .quote.gone .text {
        text-decoration: line-through;
      }
      .gone-note {
        display: block;
        margin-top: 4px;
        font-size: 0.875rem;
        font-weight: 600;
        color: var(--fw-text);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: baseline;
        font-size: 0.875rem;
      }
      .meta strong {
        color: var(--fw-heading);
      }
      .meta time,
      .badge {
        color: var(--fw-text-muted);
      }
      .badge {
        font-weight: 600;
      }
      .body {
        white-space: pre-wrap;
      }
      ol.replies {
        list-style: none;
        margin: 0;
        padding: 0 0 0 12px;
        border-left: 2px solid var(--fw-border);
        display: grid;
        gap: 8px;
      }
      .actions {
        display: flex;
        gap: 6px;
      }
      .actions button {
        min-height: 36px;
        padding: 0 12px;
        font-size: 0.875rem;
      }
      .thread form {
        margin: 0;
        padding: 0;
        border: 0;
      }
      .more {
        margin-top: 12px;
      }
      .more button {
        min-height: 40px;
      }
      .amendment {
    margin-top: 8px;
    padding: 8px 10px;
    border-left: 3px solid var(--fw-primary);
    background: var(--fw-primary-soft);
    border-radius: 0 6px 6px 0;
  }
  .amendment .suggested {
    white-space: pre-wrap;
  }
  .amendment .decision.accepted {
    color: var(--fw-success);
    font-weight: 700;
  }
  .amendment .decision.declined {
    color: var(--fw-text-muted);
    font-weight: 700;
  }
`;
