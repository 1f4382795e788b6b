// The iCalendar (RFC 5545) feed of `playbook-lint tasks --format ics`: one all-day event per
// dated task or check-in, with a UID made from the file and the item's stable key, so a
// calendar that imports the feed again updates its events instead of adding copies.
import { createHash } from 'node:crypto';
import { ICalCalendar } from 'ical-generator';
import type { PlaybookItem } from '../core/types.js';

export interface ListedItem extends PlaybookItem {
  /** Relative to the current folder, `/` separators. */
  file: string;
  client: string | null;
}

/** A stable UID: the same file and item key give the same UID on every run. */
export function itemUid(file: string, key: string): string {
  return `${createHash('sha1').update(`${file}\n${key}`).digest('hex').slice(0, 32)}@playbook-lint`;
}

function utcDay(date: string, plusDays = 0): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + plusDays));
}

/** The calendar; `today` is the stamp of every event, so a run is reproducible. */
export function formatIcs(items: ListedItem[], today: string, name: string): string {
  const calendar = new ICalCalendar({ name, prodId: { company: 'playbook-lint', product: 'playbook-lint tasks', language: 'EN' } });
  for (const item of items) {
    if (!item.due) continue;
    const owners = item.owners.length ? `\n${item.kind === 'task' ? item.owners.map((o) => `@${o}`).join(' ') : item.owners.join(', ')}` : '';
    calendar.createEvent({
      id: itemUid(item.file, item.key),
      start: utcDay(item.due),
      end: utcDay(item.due, 1),
      allDay: true,
      stamp: utcDay(today),
      summary: item.client ? `${item.client}: ${item.text}` : item.text,
      description: `${item.file}:${item.line}${owners}`,
    });
  }
  // RFC 5545: every line, the last one included, ends with CRLF.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
