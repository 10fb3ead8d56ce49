/** Titles of what audit entries point at, so the log reads "국가 산업인재은행" rather than an id. */
export type TargetTitles = (targets: string[]) => Promise<Map<string, string>>;

/** The title of one kind of target, by its id; null when there is none (it was deleted, say). */
export type TitleLookup = (id: string) => Promise<string | null>;

/**
 * Looks up each distinct target once, with the lookup of its kind (the part before the colon:
 * `proposal:<id>`, `meeting:<id>`, …). A kind without a lookup (users, invitations) is left to
 * the page, which names people itself. The domains' lookups are handed in (wiring/core.ts):
 * every domain writes to the audit log, so the log reads none of them.
 */
export function targetTitles(lookups: Record<string, TitleLookup>): TargetTitles {
  return async (targets) => {
    const titles = new Map<string, string>();
    for (const target of new Set(targets)) {
      const at = target.indexOf(':');
      const lookup = at > 0 ? lookups[target.slice(0, at)] : undefined;
      const title = lookup ? await lookup(target.slice(at + 1)) : null;
      if (title) titles.set(target, title);
    }
    return titles;
  };
}
