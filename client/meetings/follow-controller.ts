import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenterState } from '../../shared/schemas/meetings';
import type { MeetingController } from './meeting-controller';

/** The presenter's scrolling is sent at most this often. */
const sendEveryMs = 150;

/** A scrolling box of the room that can be presented and followed, by its location (`minutes`, `proposal:12`). */
export interface FollowTarget {
  location: string;
  element: HTMLElement;
}

const ratioOf = (el: HTMLElement): number => {
  const room = el.scrollHeight - el.clientHeight;
  return room > 0 ? Math.min(1, Math.max(0, el.scrollTop / room)) : 0;
};

/**
 * "발표자 따라가기" both ways. Presenting: the scroll position of the box this person
 * last used is published (`meeting:present`, throttled) while presenting is on.
 * Following: the presenter's box is scrolled to the same ratio whenever their view
 * changes.
 */
export class FollowController implements ReactiveController {
  presenting = false;
  #location = '';
  #listening = new Map<HTMLElement, () => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastSent = 0;
  #applied = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly room: MeetingController,
    private readonly targets: () => FollowTarget[],
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.presenting) this.#listen(this.targets());
  }

  hostDisconnected(): void {
    this.#listen([]);
    clearTimeout(this.#timer);
    if (this.presenting) void this.room.present(null);
    this.presenting = false;
    this.#applied = '';
  }

  /** Starts or stops presenting; answers the server's refusal, if any. */
  async setPresenting(on: boolean): Promise<string | null> {
    if (!on) {
      // Nothing scheduled may follow the stop.
      this.presenting = false;
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#listen([]);
      this.host.requestUpdate();
    }
    const answer = await this.room.present(on ? this.#view() : null);
    if (!answer.ok) return answer.error.message;
    this.presenting = on;
    this.host.requestUpdate();
    return null;
  }

  /** The person moved to another part of the room (clicked or focused in it); only presentable boxes count. */
  noteLocation(location: string): void {
    if (location === this.#location || !this.targets().some((t) => t.location === location)) return;
    this.#location = location;
    if (this.presenting) this.#schedule();
  }

  /** Scrolls the presenter's box to their position, when this person follows. */
  apply(presenter: PresenterState | null, force = false): void {
    if (!presenter) return;
    const key = `${presenter.location}|${presenter.scrollRatio}|${presenter.at}`;
    if (key === this.#applied && !force) return;
    const target = this.targets().find((t) => t.location === presenter.location);
    if (!target) return;
    this.#applied = key;
    const el = target.element;
    el.scrollTo({ top: presenter.scrollRatio * (el.scrollHeight - el.clientHeight), behavior: 'auto' });
  }

  #view(): { location: string; scrollRatio: number } {
    const targets = this.targets();
    const target = targets.find((t) => t.location === this.#location) ?? targets[0];
    return target ? { location: target.location, scrollRatio: ratioOf(target.element) } : { location: 'agenda', scrollRatio: 0 };
  }

  #listen(targets: FollowTarget[]): void {
    const wanted = new Map(targets.map((t) => [t.element, t.location]));
    for (const [el, off] of this.#listening) {
      if (!wanted.has(el)) {
        off();
        this.#listening.delete(el);
      }
    }
    for (const [el, location] of wanted) {
      if (this.#listening.has(el)) continue;
      const onScroll = () => {
        this.#location = location;
        this.#schedule();
      };
      el.addEventListener('scroll', onScroll, { passive: true });
      this.#listening.set(el, () => el.removeEventListener('scroll', onScroll));
    }
  }

  /** Leading and trailing: the first move goes at once, the last one is never lost. */
  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastSent + sendEveryMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#lastSent = Date.now();
      if (this.presenting) void this.room.present(this.#view());
    }, wait);
  }
}
