import { css } from 'lit';

/** Base look shared by every component: type, focus, forms, buttons, cards, tables. */
export const sharedStyles = css`
  :host {
    display: block;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--fw-focus);
    outline-offset: 2px;
  }
  h1,
  h2,
  h3 {
    color: var(--fw-heading);
    line-height: 1.35;
    margin: 0;
  }
  h1 {
    font-size: 1.875rem;
    font-weight: 700;
  }
  h2 {
    font-size: 1.375rem;
    font-weight: 700;
  }
  h3 {
    font-size: 1.125rem;
    font-weight: 700;
  }
  p {
    margin: 0;
  }
  a {
    color: var(--fw-primary);
    text-underline-offset: 3px;
  }
  a:hover {
    color: var(--fw-primary-dark);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--fw-text-muted);
  }

  /* Cards */
  .card {
    background: var(--fw-surface);
    border: 1px solid var(--fw-border);
    border-radius: 12px;
    padding: 28px;
  }

  /* Forms */
  form {
    display: grid;
    gap: 20px;
  }
  .field {
    display: grid;
    gap: 6px;
  }
  label,
  .label {
    font-weight: 600;
    color: var(--fw-text);
  }
  input,
  select {
    font: inherit;
    color: var(--fw-text);
    background: var(--fw-surface);
    min-height: 48px;
    padding: 10px 14px;
    border: 1px solid var(--fw-border-strong);
    border-radius: var(--fw-radius);
    width: 100%;
  }
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--fw-focus);
    outline-offset: 1px;
    border-color: var(--fw-focus);
  }
  input[readonly] {
    background: var(--fw-bg);
  }
  .hint {
    font-size: 0.9375rem;
    color: var(--fw-text-muted);
  }

  /* Buttons */
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 48px;
    padding: 0 22px;
    border-radius: var(--fw-radius);
    border: 1px solid var(--fw-primary);
    background: var(--fw-primary);
    color: #fff;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    text-decoration: none;
    white-space: nowrap;
  }
  button:hover,
  .button:hover {
    background: var(--fw-primary-dark);
    border-color: var(--fw-primary-dark);
    color: #fff;
  }
  button.secondary,
  .button.secondary {
    background: var(--fw-surface);
    color: var(--fw-primary);
  }
  button.secondary:hover,
  .button.secondary:hover {
    background: var(--fw-primary-soft);
    color: var(--fw-primary-dark);
  }
  button:disabled {
    cursor: not-allowed;
    background: #e4e7ec;
    border-color: #c9ced6;
    color: #4d5562;
  }
  /* Withdraw, cancel a poll: an action that cannot be taken back */
  button.warn {
    background: var(--fw-surface);
    color: var(--fw-danger);
    border-color: var(--fw-danger);
  }
  button.warn:hover {
    background: var(--fw-danger-soft);
    color: #8f1c13;
    border-color: #8f1c13;
  }

  /* Messages (kept inside an always-present live region) */
  .message {
    padding: 12px 16px;
    border-radius: var(--fw-radius);
    border-left: 4px solid;
  }
  .message.error {
    color: var(--fw-danger);
    background: var(--fw-danger-soft);
  }
  .message.success {
    color: var(--fw-success);
    background: var(--fw-success-soft);
  }
  .message.warning {
    color: var(--fw-away);
    background: #fff7e6;
  }

  /* Tables */
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--fw-surface);
  }
  th,
  td {
    text-align: left;
    padding: 12px 14px;
    border-bottom: 1px solid var(--fw-border);
    vertical-align: middle;
  }
  th {
    font-weight: 700;
    color: var(--fw-heading);
    background: var(--fw-bg);
    border-top: 2px solid var(--fw-navy);
    white-space: nowrap;
  }
  tbody th {
    background: none;
    border-top: 0;
    font-weight: 600;
    color: var(--fw-text);
  }
`;
