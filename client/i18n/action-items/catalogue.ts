/**
 * The strings of action items ("후속 조치"): the home page's "내 후속 조치", the owner and
 * due date form in the minutes, done and overdue states. Part of the app's Catalogue as `t.actionItems`.
 */
export interface ActionItemsCatalogue {
  mine: {
    title: string;
    empty: string;
    /** The list of done items under the open ones. */
    doneTitle: (count: number) => string;
    from: string;
  };
  overdue: string;
  due: (day: string) => string;
  noDue: string;
  doneOn: (day: string, name: string) => string;
  markDone: string;
  markNotDone: string;
  /** The accessible name of the done checkbox. */
  doneLabel: (text: string) => string;
  form: {
    legend: string;
    owner: string;
    ownerNone: string;
    ownerOther: string;
    ownerName: string;
    due: string;
    apply: string;
    saved: string;
  };
}
