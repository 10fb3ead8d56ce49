import type { Editor } from '@tiptap/core';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import { icons } from './icons';
import { EditorRenderController } from './editor-render-controller';

/** A toolbar button; documents with blocks of their own (minutes) add theirs through `<fw-editor .tools>`. */
export interface Tool {
  id: string;
  label: string;
  glyph: TemplateResult | string;
  run(editor: Editor): void;
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
  /** A gap before this tool. */
  group?: boolean;
}

/**
 * A tool's name for assistive technology. A glyph that is a word ("H2") is visible text,
 * so the name must hold it for people who speak what they see (WCAG 2.5.3): "H2 제목 2".
 * Single letters (B, I, ¶) and icons are symbols, named by the label alone.
 */
function accessibleName(tool: Tool): string {
  const glyph = typeof tool.glyph === 'string' ? tool.glyph : '';
  return glyph.length > 1 && !tool.label.includes(glyph) ? `${glyph} ${tool.label}` : tool.label;
}

/**
 * The formatting toolbar of `<fw-editor>`: one tab stop, arrow keys move between the
 * buttons (WAI-ARIA toolbar). Mouse presses do not take the focus from the text, so
 * the selection stays where the person made it.
 */
@customElement('fw-editor-toolbar')
export class EditorToolbar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      [role='toolbar'] {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 2px;
      }
      .gap {
        width: 1px;
        height: 24px;
        margin: 0 6px;
        background: var(--fw-border);
      }
      button.tool {
        min-height: 36px;
        min-width: 36px;
        padding: 0 8px;
        border: 1px solid transparent;
        background: transparent;
        color: var(--fw-text);
        font-weight: 700;
        font-size: 0.9375rem;
        border-radius: 6px;
      }
      button.tool:hover {
        background: var(--fw-primary-soft);
        color: var(--fw-primary-dark);
        border-color: transparent;
      }
      button.tool[aria-pressed='true'] {
        background: var(--fw-primary-soft);
        color: var(--fw-primary-dark);
        border-color: #b7c8f5;
      }
      button.tool:disabled {
        background: transparent;
        border-color: transparent;
        color: #a0a7b1;
      }
      .italic {
        font-style: italic;
        font-family: Georgia, 'Times New Roman', serif;
      }
      form.link {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-top: 8px;
      }
      form.link input {
        min-height: 40px;
        flex: 1;
      }
      form.link button {
        min-height: 40px;
        padding: 0 14px;
      }
    `,
  ];

  @property({ attribute: false }) editor: Editor | null = null;
  /** Buttons for extra content (the minutes' decisions and action items), after the built-in ones. */
  @property({ attribute: false }) extraTools: Tool[] = [];
  @state() private focusIndex = 0;
  @state() private linkOpen = false;

  readonly #i18n = new LocaleController(this);

  constructor() {
    super();
    // What is active at the selection changes with every transaction.
    new EditorRenderController(this, () => this.editor);
  }

  override render() {
    const editor = this.editor;
    if (!editor) return nothing;
    const { t } = this.#i18n;
    const tools = this.#tools();
    const index = Math.min(this.focusIndex, tools.length - 1);
    return html`<div role="toolbar" aria-label=${t.editor.toolbar} @keydown=${this.#onKeydown} @mousedown=${this.#keepFocus}>
        ${tools.map(
          (tool, i) => html`${tool.group ? html`<span class="gap" aria-hidden="true"></span>` : nothing}
            <button
              type="button"
              class="tool"
              data-tool=${tool.id}
              aria-label=${accessibleName(tool)}
              title=${tool.label}
              tabindex=${i === index ? 0 : -1}
              aria-pressed=${tool.active ? String(tool.active(editor)) : nothing}
              ?disabled=${tool.enabled ? !tool.enabled(editor) : false}
              @click=${() => tool.run(editor)}
              @focus=${() => (this.focusIndex = i)}
            >
              ${tool.glyph}
            </button>`,
        )}
      </div>
      ${this.linkOpen ? this.#renderLinkForm(editor) : nothing}`;
  }

  #renderLinkForm(editor: Editor) {
    const { t } = this.#i18n;
    const href = (editor.getAttributes('link') as { href?: string }).href ?? '';
    return html`<form class="link" @submit=${this.#applyLink} @keydown=${this.#linkKeydown}>
      <label class="visually-hidden" for="link-url">${t.editor.linkUrl}</label>
      <input id="link-url" name="href" type="url" inputmode="url" placeholder="https://" autocomplete="url" .value=${href} />
      <button type="submit">${t.editor.linkApply}</button>
      ${href ? html`<button type="button" class="secondary" @click=${this.#removeLink}>${t.editor.linkRemove}</button>` : nothing}
      <button type="button" class="secondary" @click=${this.#closeLink}>${t.editor.cancel}</button>
    </form>`;
  }

  #tools(): Tool[] {
    const { t } = this.#i18n;
    const editor = this.editor!;
    const inTable = editor.isActive('table');
    const tools: Tool[] = [
      { id: 'paragraph', label: t.editor.paragraph, glyph: '¶', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
      { id: 'h2', label: t.editor.heading2, glyph: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
      { id: 'h3', label: t.editor.heading3, glyph: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
      { id: 'bold', label: t.editor.bold, glyph: 'B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold'), group: true },
      { id: 'italic', label: t.editor.italic, glyph: html`<span class="italic">I</span>`, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
      { id: 'link', label: t.editor.link, glyph: icons.link, run: () => this.#openLink(), active: (e) => e.isActive('link') },
      { id: 'bullets', label: t.editor.bulletList, glyph: icons.bulletList, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList'), group: true },
      { id: 'numbers', label: t.editor.orderedList, glyph: icons.orderedList, run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
      { id: 'table', label: t.editor.table, glyph: icons.table, run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), enabled: () => !inTable, group: true },
    ];
    if (inTable) {
      tools.push(
        { id: 'add-row', label: t.editor.addRow, glyph: icons.addRow, run: (e) => e.chain().focus().addRowAfter().run() },
        { id: 'add-column', label: t.editor.addColumn, glyph: icons.addColumn, run: (e) => e.chain().focus().addColumnAfter().run() },
        { id: 'delete-row', label: t.editor.deleteRow, glyph: icons.deleteRow, run: (e) => e.chain().focus().deleteRow().run() },
        { id: 'delete-column', label: t.editor.deleteColumn, glyph: icons.deleteColumn, run: (e) => e.chain().focus().deleteColumn().run() },
        { id: 'delete-table', label: t.editor.deleteTable, glyph: icons.deleteTable, run: (e) => e.chain().focus().deleteTable().run() },
      );
    }
    tools.push(...this.extraTools);
    tools.push(
      { id: 'undo', label: t.editor.undo, glyph: icons.undo, run: (e) => e.chain().focus().undo().run(), enabled: (e) => e.can().undo(), group: true },
      { id: 'redo', label: t.editor.redo, glyph: icons.redo, run: (e) => e.chain().focus().redo().run(), enabled: (e) => e.can().redo() },
    );
    return tools;
  }

  /** A press on a button keeps the editor's focus and selection; the click still runs the tool. */
  readonly #keepFocus = (event: MouseEvent) => {
    if ((event.target as Element).closest('button.tool')) event.preventDefault();
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (!(event.target as Element).matches('button.tool')) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.tool')];
    const current = buttons.indexOf(event.target as HTMLButtonElement);
    const next =
      event.key === 'ArrowRight' ? (current + 1) % buttons.length
      : event.key === 'ArrowLeft' ? (current - 1 + buttons.length) % buttons.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? buttons.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    this.focusIndex = next;
    buttons[next]?.focus();
  };

  async #openLink() {
    this.linkOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#link-url')?.focus();
  }

  #closeLink = () => {
    this.linkOpen = false;
    this.editor?.commands.focus();
  };

  #removeLink = () => {
    this.editor?.chain().focus().extendMarkRange('link').unsetLink().run();
    this.linkOpen = false;
  };

  readonly #linkKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#closeLink();
    }
  };

  readonly #applyLink = (event: SubmitEvent) => {
    event.preventDefault();
    const editor = this.editor;
    if (!editor) return;
    const href = new FormData(event.target as HTMLFormElement).get('href');
    const url = typeof href === 'string' ? href.trim() : '';
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!url) chain.unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    } else chain.setLink({ href: url }).run();
    this.linkOpen = false;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-editor-toolbar': EditorToolbar;
  }
}
