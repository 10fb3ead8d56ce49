import { css } from 'lit';

/** Layout of one proposal's page: header, workflow, the text beside its tools (comments, versions, history), dialogs. */
export const proposalPageStyles = css`
      .page {
        padding-top: 24px;
      }
      .crumbs {
        margin-bottom: 12px;
        font-size: 0.9375rem;
      }
      .crumbs a {
        text-decoration: none;
        font-weight: 600;
      }
      .crumbs span {
        color: var(--fw-text-muted);
      }
      .title-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
      }
      .title-row h1 {
        font-size: 1.75rem;
      }
      .title-row button,
      .rename button {
        min-height: 40px;
        padding: 0 14px;
      }
      form.rename {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      form.rename input {
        flex: 1 1 420px;
        font-size: 1.375rem;
        font-weight: 700;
        color: var(--fw-heading);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 20px;
        margin-top: 12px;
        color: var(--fw-text-muted);
      }
      .meta dl {
        display: contents;
      }
      .meta div {
        display: flex;
        gap: 6px;
      }
      .meta dt {
        font-weight: 600;
      }
      .meta dd {
        margin: 0;
        color: var(--fw-text);
      }
      .workflow {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        margin-top: 16px;
      }
      .workflow h2 {
        font-size: 0.9375rem;
        color: var(--fw-text-muted);
        margin-right: 4px;
      }
      .workflow button {
        min-height: 40px;
        padding: 0 16px;
      }
      .notices {
        margin-top: 16px;
      }
      .notices .message + .message {
        margin-top: 8px;
      }
      .message.info {
        color: #1e3a8a;
        background: var(--fw-primary-soft);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 360px;
        gap: 24px;
        align-items: start;
        margin-top: 24px;
      }
      /* On paper: the title, the facts and the whole text; no tools, buttons or navigation. */
      @media print {
        aside,
        .crumbs,
        .workflow,
        .notices,
        .title-row button,
        fw-proposal-polls,
        dialog {
          display: none !important;
        }
        .layout {
          display: block !important;
        }
      }
      @media (max-width: 1000px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      aside {
        position: sticky;
        top: 16px;
        max-height: calc(100vh - 32px);
        display: flex;
        flex-direction: column;
        background: var(--fw-bg);
        border: 1px solid var(--fw-border);
        border-radius: 12px;
      }
      [role='tablist'] {
        display: flex;
        border-bottom: 1px solid var(--fw-border);
        background: var(--fw-surface);
        border-radius: 12px 12px 0 0;
      }
      [role='tab'] {
        flex: 1;
        min-height: 48px;
        padding: 0 8px;
        border: 0;
        border-bottom: 3px solid transparent;
        border-radius: 0;
        background: none;
        color: var(--fw-text-muted);
      }
      [role='tab']:hover {
        background: var(--fw-primary-soft);
        color: var(--fw-primary-dark);
      }
      [role='tab'][aria-selected='true'] {
        color: var(--fw-primary);
        border-bottom-color: var(--fw-primary);
      }
      [role='tabpanel'] {
        padding: 16px;
        overflow: auto;
      }
      dialog {
        width: min(520px, calc(100vw - 32px));
        padding: 24px;
        border: 0;
        border-radius: 14px;
        box-shadow: 0 24px 64px rgba(11, 36, 71, 0.3);
        color: var(--fw-text);
      }
      dialog::backdrop {
        background: rgba(11, 36, 71, 0.45);
      }
      dialog form {
        gap: 16px;
      }
      dialog textarea {
        font: inherit;
        width: 100%;
        min-height: 80px;
        padding: 10px 12px;
        border: 1px solid var(--fw-border-strong);
        border-radius: var(--fw-radius);
      }
      dialog .row {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
      .optional {
        font-weight: 400;
        color: var(--fw-text-muted);
      }
    `;
