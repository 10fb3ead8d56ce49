import { css } from 'lit';

/** Look shared by the poll panel's parts: cards, badges, meta lines, messages, progress. */
export const pollStyles = css`
  article.poll {
    display: grid;
    gap: 14px;
    padding: 20px;
    border: 1px solid var(--fw-border);
    border-radius: 12px;
    background: var(--fw-surface);
  }
  article.poll.open {
    border: 2px solid var(--fw-primary);
    box-shadow: 0 6px 18px rgba(29, 78, 216, 0.12);
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
  }
  .badge {
    display: inline-block;
    padding: 2px 10px;
    border-radius: 999px;
    font-size: 0.875rem;
    font-weight: 700;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.open {
    color: #fff;
    background: var(--fw-primary);
    border-color: var(--fw-primary);
  }
  .badge.draft {
    color: var(--fw-text-muted);
  }
  .badge.closed {
    color: var(--fw-heading);
  }
  .badge.cancelled {
    color: var(--fw-away);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 14px;
    color: var(--fw-text-muted);
    font-size: 0.9375rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .note {
    padding: 10px 14px;
    border-radius: var(--fw-radius);
    background: var(--fw-bg);
    border-left: 4px solid var(--fw-navy);
    font-size: 0.9375rem;
  }
  .progress {
    display: grid;
    gap: 6px;
  }
  .progress .count {
    font-weight: 700;
    font-size: 1.125rem;
    color: var(--fw-heading);
    font-variant-numeric: tabular-nums;
  }
  .progress .track {
    height: 10px;
    border-radius: 999px;
    background: var(--fw-bg);
    border: 1px solid var(--fw-border);
    overflow: hidden;
  }
  .progress .fill {
    height: 100%;
    background: var(--fw-navy);
  }
  .timer {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    color: var(--fw-away);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .actions button {
    min-height: 44px;
    padding: 0 16px;
  }
  .confirm {
    display: grid;
    gap: 10px;
    padding: 12px 14px;
    border: 1px solid var(--fw-danger);
    border-radius: var(--fw-radius);
    background: var(--fw-danger-soft);
  }
  .ballots {
    display: grid;
    gap: 18px;
  }
  h4 {
    margin: 0 0 8px;
    font-size: 1rem;
    color: var(--fw-heading);
  }
  /* What a poll decides: said on the form, every ballot and the result (issue 14). */
  .consequence {
    margin: 0;
  }
  .consequence.decisive {
    display: grid;
    gap: 4px;
    padding: 10px 14px;
    border: 2px solid var(--fw-primary);
    border-radius: var(--fw-radius);
  }
  .consequence.decisive p {
    margin: 0;
  }
  .consequence.blocked {
    border-color: var(--fw-danger);
    background: var(--fw-danger-soft);
  }
`;
