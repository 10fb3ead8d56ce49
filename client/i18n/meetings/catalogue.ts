import type { MeetingStatus, MinutesStatus } from '../../../shared/meetings/state-machine';

/**
 * The strings of the meetings pages (list, room, live view, projector, home panels).
 * Part of the app's Catalogue as `t.meetings`; terms follow shared/GLOSSARY.md.
 */
export interface MeetingsCatalogue {
  title: string;
  intro: string;
  statuses: Record<MeetingStatus, string>;
  minutesStatuses: Record<MinutesStatus, string>;
  /** Presence in the room: what someone is looking at. */
  where: { agenda: string; minutes: string; proposal: string; projector: string; live: string };
  list: {
    live: string;
    upcoming: string;
    ended: string;
    empty: string;
    noneLive: string;
    noneUpcoming: string;
    noneEnded: string;
    startsAt: string;
    place: string;
    online: string;
    chair: string;
    agendaCount: (n: number) => string;
    minutes: (status: string) => string;
    enter: string;
    watchLive: string;
    projector: string;
  };
  create: {
    open: string;
    title: string;
    name: string;
    date: string;
    time: string;
    place: string;
    onlineLink: string;
    onlineHint: string;
    chair: string;
    chairNone: string;
    chairHint: string;
    optional: string;
    agenda: string;
    agendaHint: string;
    addItem: string;
    removeItem: (n: number) => string;
    itemTitle: (n: number) => string;
    itemMinutes: (n: number) => string;
    itemPresenter: (n: number) => string;
    itemPresenterName: (n: number) => string;
    itemProposal: (n: number) => string;
    submit: string;
    submitting: string;
    cancel: string;
    created: (title: string) => string;
    /** Editing a scheduled or live meeting's details. */
    editOpen: string;
    editTitle: string;
    save: string;
    saving: string;
  };
  room: {
    back: string;
    notFound: string;
    connecting: string;
    reconnecting: string;
    joinFailed: string;
    start: string;
    end: string;
    confirmEnd: (title: string) => string;
    /** Starting on another day than scheduled: the scheduled day and today, in words. */
    confirmStartOtherDay: (title: string, scheduled: string, today: string) => string;
    readOnlyEnded: string;
    cancel: string;
    confirmCancel: (title: string) => string;
    readOnlyCancelled: string;
    cancelledAt: (time: string) => string;
    observerNotice: string;
    liveView: string;
    projectorView: string;
    roomView: string;
    chair: string;
    startedAt: (time: string) => string;
    endedAt: (time: string) => string;
  };
  agenda: {
    title: string;
    empty: string;
    current: string;
    noCurrent: string;
    setCurrent: string;
    setCurrentOf: (title: string) => string;
    planned: (minutes: number) => string;
    timer: string;
    overtime: string;
    presenter: (name: string) => string;
    proposal: string;
    edit: string;
    editOf: (title: string) => string;
    remove: string;
    removeOf: (title: string) => string;
    confirmRemove: (title: string) => string;
    moveUp: string;
    moveDown: string;
    moveUpOf: (title: string) => string;
    moveDownOf: (title: string) => string;
    add: string;
    form: {
      title: string;
      minutes: string;
      presenter: string;
      presenterNone: string;
      presenterName: string;
      presenterOther: string;
      proposal: string;
      proposalNone: string;
      save: string;
      add: string;
      cancel: string;
    };
    itemNumber: (n: number) => string;
  };
  proposal: {
    title: string;
    none: string;
    open: string;
    loading: string;
    notFound: string;
    editorLabel: (title: string) => string;
    readOnly: string;
  };
  minutes: {
    title: string;
    editorLabel: (title: string) => string;
    readOnly: string;
    readOnlyCirculated: string;
    locked: string;
    workflow: string;
    circulate: string;
    backToDraft: string;
    approve: string;
    confirmApprove: string;
    /** Approving while amendments on the agenda's proposals are still open: lists them, asks to go on. */
    confirmApproveOpenAmendments: (list: string, count: number) => string;
    openAmendment: (proposal: string, quote: string, text: string, author: string) => string;
    approvedBy: (name: string, time: string) => string;
    hash: string;
    onlyAfterEnd: string;
    moved: (status: string) => string;
    decision: string;
    actionItem: string;
    owner: string;
    due: string;
    apply: string;
    actionItemDetails: string;
  };
  decisions: {
    title: string;
    empty: string;
    decision: string;
    actionItem: string;
    owner: (name: string) => string;
    due: (date: string) => string;
    noOwner: string;
    section: string;
    homeTitle: string;
    homeEmpty: string;
  };
  speakers: {
    title: string;
    raise: string;
    lower: string;
    raised: (position: number) => string;
    queue: string;
    queueEmpty: string;
    give: string;
    giveTo: (name: string) => string;
    lowerOf: (name: string) => string;
    current: string;
    none: string;
    endFloor: string;
    since: (time: string) => string;
    you: string;
  };
  people: {
    title: string;
    audience: (observers: number, total: number) => string;
    empty: string;
    idle: string;
    active: string;
    handRaised: string;
    following: string;
    you: string;
  };
  attendance: {
    title: string;
    checkIn: string;
    checkedIn: (time: string) => string;
    notCheckedIn: string;
    count: (checkedIn: number, total: number) => string;
    empty: string;
    firstSeen: string;
    name: string;
    checkedInAt: string;
    onlyLive: string;
  };
  follow: {
    toggle: string;
    following: (name: string) => string;
    noPresenter: string;
    present: string;
    presenting: string;
    presenterIs: (name: string) => string;
  };
  projector: {
    label: string;
    currentItem: string;
    noCurrent: string;
    notStarted: string;
    ended: string;
    elapsed: string;
    speaker: string;
    noSpeaker: string;
    latestDecision: string;
    noDecision: string;
    exit: string;
  };
  home: {
    meetingsTitle: string;
    meetingsEmpty: string;
    allMeetings: string;
  };
  errors: {
    offline: string;
    timeout: string;
  };
}
