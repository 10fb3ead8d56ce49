import ICAL from 'ical.js';

/** One parsed event: the properties a calendar app shows and updates by. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  /** STATUS, e.g. CONFIRMED or CANCELLED; empty when absent. */
  status: string;
  location: string;
  description: string;
  url: string;
  /** DTSTART's TZID parameter and its wall-clock value. */
  tzid: string;
  localStart: string;
  /** The same instant in UTC, resolved through the file's own VTIMEZONE. */
  start: Date;
  organizer: string;
  attendees: string[];
}

export interface ParsedCalendar {
  method: string | null;
  timezones: string[];
  events: ParsedEvent[];
}

/**
 * Parses an iCalendar file with ical.js (Mozilla's parser), after checking the framing
 * rules (RFC 5545 §3.1) that parsers forgive: CRLF line ends and lines of at most 75 octets.
 */
export function parseIcs(text: string): ParsedCalendar {
  const lines = text.split('\r\n');
  if (lines.at(-1) !== '') throw new Error('the file does not end with CRLF');
  for (const line of lines) {
    if (line.includes('\n')) throw new Error(`a bare LF in ${JSON.stringify(line)}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`a line over 75 octets: ${JSON.stringify(line)}`);
  }
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error(`not a calendar: ${root.name}`);
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const str = (c: ICAL.Component, name: string) => String(c.getFirstPropertyValue(name) ?? '');
  return {
    method: root.getFirstPropertyValue('method') as string | null,
    timezones: root.getAllSubcomponents('vtimezone').map((z) => str(z, 'tzid')),
    events: root.getAllSubcomponents('vevent').map((c) => {
      const dtstart = c.getFirstProperty('dtstart')!;
      const value = dtstart.getFirstValue() as ICAL.Time;
      return {
        uid: str(c, 'uid'),
        sequence: Number(c.getFirstPropertyValue('sequence') ?? 0),
        summary: str(c, 'summary'),
        status: str(c, 'status'),
        location: str(c, 'location'),
        description: str(c, 'description'),
        url: str(c, 'url'),
        tzid: String(dtstart.getParameter('tzid') ?? ''),
        localStart: value.toString(),
        start: value.toJSDate(),
        organizer: str(c, 'organizer'),
        attendees: c.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
      };
    }),
  };
}
