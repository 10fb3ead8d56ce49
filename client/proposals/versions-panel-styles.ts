import { css } from 'lit';

/** The versions list, the save form and the version dialog with its paragraph diff. */
export const versionsPanelStyles = css`
      form.save {
        gap: 8px;
        margin-bottom: 16px;
      }
      .save .row {
        display: flex;
        gap: 8px;
      }
      .save input {
        min-height: 40px;
      }
      .save button,
      li button {
        min-height: 40px;
        padding: 0 14px;
      }
      [role='status'] > .message {
        margin-bottom: 12px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        padding: 12px 14px;
        border: 1px solid var(--fw-border);
        border-radius: 10px;
        background: var(--fw-surface);
      }
      .label {
        font-weight: 600;
      }
      .by {
        font-size: 0.875rem;
        color: var(--fw-text-muted);
      }
      dialog {
        width: min(880px, calc(100vw - 32px));
        max-height: calc(100vh - 48px);
        padding: 0;
        border: 0;
        border-radius: 14px;
        box-shadow: 0 24px 64px rgba(11, 36, 71, 0.3);
        color: var(--fw-text);
      }
      dialog::backdrop {
        background: rgba(11, 36, 71, 0.45);
      }
      .dialog {
        display: grid;
        grid-template-rows: auto auto 1fr auto;
        max-height: calc(100vh - 48px);
      }
      .dialog header {
        display: flex;
        align-items: flex-start;
        justify-content: space-between;
        gap: 16px;
        padding: 20px 24px 12px;
      }
      .dialog header button {
        min-height: 40px;
      }
      .tabs {
        display: flex;
        gap: 4px;
        padding: 0 24px;
        border-bottom: 1px solid var(--fw-border);
      }
      .tabs button {
        min-height: 44px;
        border: 0;
        border-bottom: 3px solid transparent;
        border-radius: 0;
        background: none;
        color: var(--fw-text-muted);
        padding: 0 14px;
      }
      .tabs button[aria-pressed='true'] {
        color: var(--fw-primary);
        border-bottom-color: var(--fw-primary);
      }
      .tabs button:hover {
        background: var(--fw-primary-soft);
        color: var(--fw-primary-dark);
      }
      .scroll {
        overflow: auto;
        min-height: 200px;
      }
      .scroll .fw-prose {
        min-height: 0;
      }
      .diff {
        padding: 20px 28px 28px;
        display: grid;
        gap: 6px;
      }
      .diff .intro {
        color: var(--fw-text-muted);
        margin-bottom: 8px;
      }
      .change {
        display: grid;
        grid-template-columns: 56px 1fr;
        gap: 12px;
        padding: 6px 10px;
        border-radius: 6px;
        line-height: 1.7;
      }
      .change .op {
        font-size: 0.8125rem;
        font-weight: 700;
        padding-top: 2px;
      }
      .change.same {
        color: var(--fw-text-muted);
      }
      .change.added {
        background: var(--fw-success-soft);
        color: #0b4d26;
      }
      .change.removed {
        background: var(--fw-danger-soft);
        color: #7a1a12;
      }
      .change.removed .text {
        text-decoration: line-through;
      }
      .change .text.heading {
        font-weight: 700;
      }
      .dialog footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: flex-end;
        gap: 12px;
        padding: 16px 24px 20px;
        border-top: 1px solid var(--fw-border);
      }
      .dialog footer p {
        flex: 1 1 320px;
      }
      button.danger {
        background: var(--fw-danger);
        border-color: var(--fw-danger);
      }
      button.danger:hover {
        background: #8f1c13;
        border-color: #8f1c13;
      }
    `;
