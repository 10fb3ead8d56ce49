import { css, type CSSResult } from 'lit';

/**
 * The look of document text: the live editor (`.fw-prose` is its editable root) and
 * read-only renderings of versions share it. The live editor sits in light DOM, so
 * these rules are adopted at document level; shadow roots that show text include them too.
 */
export const proseStyles = css`
  .fw-prose {
    outline: none;
    min-height: 360px;
    padding: 28px 32px 40px;
    font-size: 1.0625rem;
    line-height: 1.75;
    color: var(--fw-text);
    word-break: keep-all;
    overflow-wrap: anywhere;
  }
  /* Zero specificity for the resets, so that the spacing rules below win. */
  .fw-prose :where(p, ul, ol, h1, h2, h3, blockquote, table) {
    margin: 0;
  }
  .fw-prose > * + * {
    margin-top: 0.8em;
  }
  .fw-prose :where(h1, h2, h3) {
    color: var(--fw-heading);
    line-height: 1.4;
  }
  .fw-prose h1 {
    font-size: 1.5rem;
  }
  .fw-prose h2 {
    font-size: 1.25rem;
  }
  .fw-prose h3 {
    font-size: 1.0938rem;
  }
  .fw-prose > * + :where(h1, h2, h3) {
    margin-top: 1.4em;
  }
  .fw-prose :where(ul, ol) {
    padding-left: 1.6em;
  }
  .fw-prose li + li {
    margin-top: 0.3em;
  }
  .fw-prose li > :where(p) {
    margin: 0;
  }
  .fw-prose a {
    color: var(--fw-primary);
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .fw-prose blockquote {
    padding-left: 1em;
    border-left: 3px solid var(--fw-border);
    color: var(--fw-text-muted);
  }
  .fw-prose code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--fw-bg);
    padding: 1px 4px;
    border-radius: 4px;
  }
  .fw-prose .tableWrapper {
    overflow-x: auto;
  }
  .fw-prose table {
    border-collapse: collapse;
    width: 100%;
    table-layout: fixed;
  }
  .fw-prose td,
  .fw-prose th {
    position: relative;
    min-width: 4em;
    padding: 8px 12px;
    border: 1px solid #c2c8d0;
    vertical-align: top;
    text-align: left;
  }
  .fw-prose th {
    background: #eef2f7;
    font-weight: 700;
    color: var(--fw-heading);
  }
  .fw-prose .selectedCell::after {
    content: '';
    position: absolute;
    inset: 0;
    background: rgba(29, 78, 216, 0.12);
    pointer-events: none;
  }
  .fw-prose .fw-comment {
    background: #fff1bf;
    border-bottom: 2px solid #e0a800;
    cursor: pointer;
  }
  .fw-prose .fw-comment.is-active {
    background: #ffd966;
  }
  /* Other people's carets (CollaborationCaret's default markup). */
  .collaboration-carets__caret {
    position: relative;
    margin-left: -1px;
    margin-right: -1px;
    border-left: 1px solid;
    border-right: 1px solid;
    word-break: normal;
    pointer-events: none;
  }
  .collaboration-carets__label {
    position: absolute;
    top: -1.45em;
    left: -1px;
    padding: 1px 6px;
    border-radius: 4px 4px 4px 0;
    color: #fff;
    font-size: 0.75rem;
    font-weight: 600;
    font-style: normal;
    line-height: 1.4;
    white-space: nowrap;
    user-select: none;
  }
`;

/** The frame of `<fw-editor>`: toolbar strip, connection badge, editing area. */
const editorFrameStyles = css`
  fw-editor {
    display: block;
  }
  .fw-editor {
    background: var(--fw-surface);
    border: 1px solid var(--fw-border);
    border-radius: 12px;
  }
  .fw-editor:focus-within {
    border-color: var(--fw-focus);
    box-shadow: 0 0 0 3px rgba(29, 78, 216, 0.18);
  }
  .fw-editor__bar {
    position: sticky;
    top: 0;
    z-index: 2;
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 12px;
    padding: 8px 12px;
    border-bottom: 1px solid var(--fw-border);
    border-radius: 12px 12px 0 0;
    background: #f8fafc;
  }
  .fw-editor__bar fw-editor-toolbar {
    flex: 1;
    min-width: 0;
  }
  .fw-editor__bar fw-connection-badge {
    margin-top: 4px;
  }
  .fw-editor__readonly {
    align-self: center;
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--fw-text-muted);
  }
  @media (max-width: 600px) {
    .fw-editor .fw-prose {
      padding: 20px 16px 28px;
    }
  }
  .fw-editor__loading {
    margin: 0;
    padding: 28px 32px 0;
    color: var(--fw-text-muted);
  }
`;

let adopted = false;

function sheetOf(style: CSSResult): CSSStyleSheet {
  if (style.styleSheet) return style.styleSheet;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(style.cssText);
  return sheet;
}

/** Adds the editor's styles to the document, once. */
export function adoptEditorStyles(): void {
  if (adopted) return;
  adopted = true;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheetOf(proseStyles), sheetOf(editorFrameStyles)];
}
