import { css } from 'lit';

/**
 * The minutes' structured blocks inside the live editor. The editor sits in light
 * DOM (see `<fw-editor>`), so these rules are adopted at document level, once.
 */
const blockStyles = css`
  .fw-prose .fw-block {
    margin: 0.8em 0;
    padding: 10px 14px 12px;
    border-left: 4px solid var(--fw-primary);
    border-radius: 0 8px 8px 0;
    background: var(--fw-primary-soft);
  }
  .fw-prose .fw-action-item {
    border-left-color: var(--fw-away);
    background: #fff7e6;
  }
  .fw-prose .fw-block__head {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    margin: 0 0 2px;
    font-size: 0.875rem;
    user-select: none;
  }
  .fw-prose .fw-block__label {
    font-weight: 800;
    color: var(--fw-primary-dark);
  }
  .fw-prose .fw-action-item .fw-block__label {
    color: var(--fw-away);
  }
  .fw-prose .fw-block__meta {
    color: var(--fw-text-muted);
  }
  .fw-prose .fw-block__text {
    margin: 0;
    min-height: 1.6em;
  }
`;

let adopted = false;

/** Adds the blocks' styles to the document, once. */
export function adoptMinutesStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = blockStyles.styleSheet ?? new CSSStyleSheet();
  if (!blockStyles.styleSheet) sheet.replaceSync(blockStyles.cssText);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
