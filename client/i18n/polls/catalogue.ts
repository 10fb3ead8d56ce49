import type { ErrorCode } from '../../../shared/result';
import type { BallotMode, DecisionBlock, PollKind, PollStatus, ResultsVisibility, VoteRule, VoterRole } from '../../../shared/schemas/polls';

/**
 * The strings of votes (표결): the meeting room's poll panel, the result chart,
 * the projector, past polls and delegations. Part of the app's Catalogue as
 * `t.polls`; terms follow shared/GLOSSARY.md.
 */
export interface PollsCatalogue {
  title: string;
  loading: string;
  connecting: string;
  empty: string;
  statuses: Record<PollStatus, string>;
  kinds: Record<PollKind, string>;
  ballots: Record<BallotMode, string>;
  rules: Record<VoteRule, string>;
  visibility: Record<ResultsVisibility, string>;
  /** Labels of the fixed options of a yes/no/abstain poll, by option id. */
  yesNo: Record<'yes' | 'no' | 'abstain', string>;
  roles: Record<VoterRole, string>;
  /** What each ballot mode protects against, and what it does not; said plainly. */
  secretExplain: string;
  namedExplain: string;
  form: {
    open: string;
    heading: string;
    titleLabel: string;
    kind: string;
    options: string;
    optionsHint: string;
    maxChoices: string;
    maxChoicesHint: string;
    ballot: string;
    voters: string;
    votersDefault: string;
    votersCustom: string;
    votersRoles: string;
    votersPeople: string;
    votersPeopleHint: string;
    quorum: string;
    quorumHint: string;
    /** Placeholder of the empty quorum field: the default. */
    quorumDefault: string;
    rule: string;
    abstentionsCount: string;
    abstentionsHint: string;
    visibility: string;
    visibilityHint: Record<ResultsVisibility, string>;
    visibilityLocked: string;
    secretForcesVisibility: string;
    allowChange: string;
    allowChangeSecret: string;
    requirePresence: string;
    countdown: string;
    countdownHint: string;
    agendaItem: string;
    proposal: string;
    proposalHint: string;
    /** "이 표결 결과에 따라 ‘X’가 채택/부결됩니다" */
    decides: (title: string) => string;
    decidesWho: string;
    decisiveNeedsYesNo: string;
    /** A poll without a proposal: it changes nothing but the minutes. */
    procedural: string;
    none: string;
    submit: string;
    submitting: string;
    cancel: string;
    created: (title: string) => string;
    optional: string;
  };
  card: {
    openPoll: string;
    closePoll: string;
    cancelPoll: string;
    confirmClose: (title: string) => string;
    confirmCancel: (title: string) => string;
    confirmYes: string;
    confirmNo: string;
    draftHint: string;
    openOnlyLive: string;
    /** "6명 중 2명 투표" */
    progress: (voted: number, eligible: number) => string;
    remaining: (time: string) => string;
    remainingLabel: string;
    countdownOver: string;
    liveTally: string;
    tallyHidden: Record<ResultsVisibility, string>;
    agendaItem: (title: string) => string;
    proposal: (title: string) => string;
    decides: (title: string) => string;
    procedural: string;
    decisiveCloseByMinistry: string;
    ruleLine: (rule: string, abstentions: string) => string;
    quorumLine: (quorum: number) => string;
    allowChange: string;
    noChange: string;
  };
  vote: {
    yourBallot: string;
    /** "박성호 위원장 대리 투표" */
    castFor: (name: string) => string;
    keyboardHint: string;
    multipleHint: (max: number) => string;
    submit: string;
    submitFor: (name: string) => string;
    /** "투표가 접수되었습니다." */
    received: string;
    receivedFor: (name: string) => string;
    changed: string;
    voted: string;
    votedFor: (name: string) => string;
    yourChoice: (choices: string) => string;
    notEligible: string;
    delegatedTo: (name: string) => string;
    delegatorNotEligible: (name: string) => string;
    checkInFirst: string;
    checkIn: string;
    checkedIn: string;
    sending: string;
  };
  result: {
    /** After the close: "이 표결 결과에 따라 ‘X’가 채택되었습니다" */
    decided: (title: string, status: string) => string;
    /** After the close: the result did not move its proposal, and why. */
    notApplied: (title: string, reason: string) => string;
    blockReasons: Record<DecisionBlock, string>;
    adoptedWord: string;
    rejectedWord: string;
    heading: string;
    chartLabel: (title: string) => string;
    passed: string;
    notPassed: string;
    votes: (n: number) => string;
    /** e.g. "3표 (50%)" */
    value: (n: number, percent: string) => string;
    /** A count shown without a share: abstentions when the rule leaves them out. */
    count: (n: number) => string;
    most: string;
    /** Beside an option that met the rule in a choice poll. */
    carriedMark: string;
    ballots: (ballots: number, eligible: number) => string;
    turnout: (percent: string) => string;
    quorumMet: (quorum: number) => string;
    quorumNotMet: (quorum: number) => string;
    noQuorum: string;
    /** "과반수: 기권 제외 5표 중 3표 이상" */
    threshold: (rule: string, counted: number, needed: number, basis: string) => string;
    abstentionsIncluded: string;
    abstentionsExcluded: string;
    allBallots: string;
    carried: (options: string) => string;
    noneCarried: string;
    reasonQuorum: string;
    reasonRule: (rule: string) => string;
    closedAt: (time: string) => string;
    cancelled: string;
  };
  past: {
    heading: string;
    empty: string;
    csv: string;
    csvOf: (title: string) => string;
    ballotsShow: string;
    ballotsLoading: string;
    ballotsEmpty: string;
    voter: string;
    castBy: string;
    choice: string;
    castAt: string;
    secretVoters: string;
    proposalHeading: string;
    proposalEmpty: string;
    meetingLink: string;
  };
  delegation: {
    heading: string;
    intro: string;
    empty: string;
    /** "박성호 → 김은영" */
    entry: (from: string, to: string) => string;
    grantedBy: (name: string) => string;
    from: string;
    to: string;
    choose: string;
    submit: string;
    revoke: string;
    revokeOf: (from: string) => string;
    yours: (to: string) => string;
    toYou: (from: string) => string;
    granted: (from: string, to: string) => string;
    revoked: (from: string) => string;
    ended: string;
  };
  announce: {
    opened: (title: string) => string;
    closed: (title: string, verdict: string) => string;
    cancelled: (title: string) => string;
  };
  /** The bar at the bottom of the window while a poll is open out of view. */
  dock: {
    label: string;
    voting: (title: string) => string;
    go: string;
  };
  projector: {
    label: string;
    voting: string;
    result: string;
  };
  errors: Record<ErrorCode, string> & { offline: string; timeout: string };
}
