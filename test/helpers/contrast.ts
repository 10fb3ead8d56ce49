import type { Page } from 'playwright-core';

/** A visible button whose label is hard to read: its text, colours and WCAG contrast ratio. */
export interface LowContrast {
  label: string;
  text: string;
  background: string;
  ratio: number;
}

/**
 * Every visible button on the page (shadow roots included) whose computed text colour
 * has a WCAG contrast ratio under `minimum` against what is painted behind it: its own
 * background, composited over its ancestors' up to the first opaque one (crossing
 * shadow roots through their hosts), over white at the top.
 */
export function lowContrastButtons(page: Page, minimum = 4.5): Promise<LowContrast[]> {
  return page.evaluate((min) => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts.length > 3 ? parts[3]! : 1];
    };
    // `top` painted over an opaque `under`.
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const linear = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
    const backdrop = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let at: Element | null = el; at; at = parentOf(at)) {
        const colour = parse(getComputedStyle(at).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((under, layer) => over(layer, under), [255, 255, 255, 1]);
    };
    const buttons: Element[] = [];
    const collect = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('button, a.button, [role="button"]')) buttons.push(el);
        if (el.shadowRoot) collect(el.shadowRoot);
      }
    };
    collect(document);
    const found: { label: string; text: string; background: string; ratio: number }[] = [];
    for (const button of buttons) {
      const box = (button as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(button);
      const label = (button.textContent ?? '').trim().replace(/\s+/g, ' ');
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || !label) continue;
      if (box.width <= 1 && box.height <= 1) continue; // visually hidden
      const back = backdrop(button);
      const text = over(parse(style.color), back);
      const [hi, lo] = [luminance(text), luminance(back)].sort((a, b) => b - a);
      const ratio = (hi! + 0.05) / (lo! + 0.05);
      if (ratio < min) found.push({ label, text: style.color, background: `rgb(${back.slice(0, 3).map(Math.round).join(', ')})`, ratio: Math.round(ratio * 100) / 100 });
    }
    return found;
  }, minimum);
}
