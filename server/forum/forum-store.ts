import type { Forum, Subcommittee, SubcommitteeId } from '../../shared/domain';

export interface SubcommitteeSeed {
  id: SubcommitteeId;
  nameKo: string;
  nameEn: string;
}

export interface ForumStore {
  forum(): Promise<Forum | null>;
  /** Creates the forum and its subcommittees on first start; a no-op afterwards. */
  initForum(forum: Forum, subcommittees: SubcommitteeSeed[]): Promise<boolean>;
  subcommittees(): Promise<Subcommittee[]>;
}
