import { readVersionLabel, type VersionLabel } from '../../shared/versions/labels';
import type { Catalogue } from '../i18n/catalogue';

const say = (t: Catalogue, label: VersionLabel): string => {
  switch (label.kind) {
    case 'status':
      return t.proposals.statuses[label.status];
    case 'incorporated':
      return t.proposals.versions.incorporated(label.title);
    case 'beforeRestore':
      return t.proposals.versions.beforeRestore(say(t, label.of));
    case 'text':
      return label.text;
    default: {
      const unknown: never = label;
      throw new Error(`unhandled version label ${JSON.stringify(unknown)}`);
    }
  }
};

/** A version's label in the viewer's language: the server's own labels translated, a person's as typed. */
export const versionLabel = (t: Catalogue, stored: string): string => say(t, readVersionLabel(stored));
