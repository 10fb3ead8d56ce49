import type { ActionItemsCatalogue } from './catalogue';

export const enActionItems: ActionItemsCatalogue = {
  mine: {
    title: 'My action items',
    empty: 'No action items are assigned to you.',
    doneTitle: (count) => `Done (${count})`,
    from: 'Meeting',
  },
  overdue: 'Overdue',
  due: (day) => `Due ${day}`,
  noDue: 'No due date',
  doneOn: (day, name) => `Done ${day}${name ? ` (${name})` : ''}`,
  markDone: 'Done',
  markNotDone: 'Not done',
  doneLabel: (text) => `Done: ${text}`,
  form: {
    legend: 'Owner and due date of the action item',
    owner: 'Owner',
    ownerNone: 'No owner yet',
    ownerOther: 'Someone else (type a name)',
    ownerName: "Owner's name",
    due: 'Due date',
    apply: 'Apply',
    saved: 'Owner and due date saved.',
  },
};
