import type { Catalogue } from './catalogue';
import { enAdmin } from './admin/en';
import { enProposals } from './proposals/en';
import { enEditor, enComments } from './editor/en';
import { enMeetings } from './meetings/en';
import { enPolls } from './polls/en';
import { enStrategy } from './strategy/en';
import { enNotifications } from './notifications/en';
import { enActionItems } from './action-items/en';
import { enSearch } from './search/en';
import { enAmendments } from './amendments/en';

/** English. */
export const en: Catalogue = {
  app: {
    productName: 'Industrial Transformation Forum Workspace',
    ministry: 'Ministry of Trade, Industry and Energy',
    skipToContent: 'Skip to main content',
    loading: 'Loading…',
    loadFailed: 'Could not load this information.',
    retry: 'Try again',
    documentTitle: (page) => `${page} | Industrial Transformation Forum Workspace`,
    notFoundTitle: 'Page not found',
    notFoundBody: 'Please check that the address is correct.',
    goHome: 'Go to home',
    sessionEnded: 'Your session has ended. Please sign in again.',
    networkError: 'Cannot reach the server. Please try again shortly.',
    footer: 'Ministry of Trade, Industry and Energy · Industrial Transformation Forum secretariat',
  },
  header: {
    mainNav: 'Main menu',
    home: 'Home',
    admin: 'Administration',
    proposals: 'Proposals',
    meetings: 'Meetings',
    strategy: 'Strategy',
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    language: 'Language',
  },
  forum: {
    name: 'Industrial Transformation Forum',
    project: '200-day project',
    strategy: 'Industrial Transformation Strategy',
    firstHalf: 'within the first half of the year',
  },
  roles: {
    ministry: 'Ministry staff',
    chair: 'Chairperson',
    staff: 'Minute-taker',
    observer: 'Observer',
  },
  subcommittees: {
    investment: 'Investment',
    workforce: 'Workforce',
    productivity: 'Productivity',
    ecosystem: 'Corporate Ecosystem',
    global: 'Global Strategy',
    newbusiness: 'New Business',
  },
  locations: { home: 'Home', admin: 'Administration', proposals: 'Proposals', proposal: 'Working on a proposal', meetings: 'Meetings', meeting: 'In a meeting', strategy: 'Strategy' },
  signIn: {
    title: 'Sign in',
    intro: 'Sign in with the email address you were invited with and your password.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
  },
  home: {
    projectDay: (day, total) => `Day ${day} of ${total}`,
    projectNotStarted: (n) => `Starts in ${n} ${n === 1 ? 'day' : 'days'}`,
    projectEnded: 'Ended',
    tagline: 'The chairpersons of six subcommittees and the ministry shape the Industrial Transformation Strategy together.',
    projectEndsOn: (date) => `ends ${date}`,
    strategyDueOn: (date) => `By ${date} (within the first half of the year)`,
    subcommitteesTitle: 'Subcommittees',
    subcommitteeProposals: 'See proposals',
    chair: 'Chairperson',
    chairVacant: 'Chairperson to be appointed',
  },
  presence: {
    title: 'Online now',
    count: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
    idle: 'Away',
    active: 'Active',
    you: 'you',
    empty: 'Nobody is online right now.',
    connecting: 'Connecting…',
    disconnected: 'Connection lost. Reconnecting…',
  },
  invite: {
    title: 'Accept invitation',
    intro: (email, role) => `${email} has been invited as ${role}. Choose your name and a password to create your account.`,
    name: 'Name',
    password: 'Password',
    passwordHint: (min) => `At least ${min} characters.`,
    submit: 'Create account',
    submitting: 'Creating account…',
  },
  admin: enAdmin,
  proposals: enProposals,
  editor: enEditor,
  comments: enComments,
  meetings: enMeetings,
  polls: enPolls,
  strategy: enStrategy,
  notifications: enNotifications,
  actionItems: enActionItems,
  search: enSearch,
  amendments: enAmendments,
};
