// micromark's EditMap (micromark-util-edit-map 1.0.0) with a `consume` that rewrites only
// the events from the first edit on. The original copies the whole event list on every
// call, and micromark's document tokenizer calls it each time a list item or block quote
// closes: a document of n events with k such closings cost O(n·k), about 7% of a lint on
// the bench corpus and most of the time on long lists. Edits there sit near the end of
// the list, so copying the tail makes it linear. The bundles (scripts/build.mjs) resolve
// `micromark-util-edit-map` to this file; `add`, `addBefore` and the result of `consume`
// are the original's, which test/unit/edit-map.test.ts checks on random edits against
// the package itself.
import type { Event } from 'micromark-util-types';

type Change = [number, number, Event[]];

export class EditMap {
  /** Changes by index, so `add` does not scan `map`. */
  index = new Map<number, Change>();
  /** Record of changes. */
  map: Change[] = [];

  /** An edit: remove `remove` events at `index` and put `add` there (after what an earlier edit put there). */
  add(index: number, remove: number, add: Event[]): undefined {
    addImplementation(this, index, remove, add, false);
  }

  /** Like `add`, but before what an earlier edit at `index` put there. */
  addBefore(index: number, remove: number, add: Event[]): undefined {
    addImplementation(this, index, remove, add, true);
  }

  /** Apply the edits to `events`, in place. */
  consume(events: Event[]): undefined {
    this.map.sort((a, b) => a[0] - b[0]);
    if (this.map.length === 0) return;
    const end = events.length;
    const first = this.map[0]![0];
    const tail = events.slice(first);
    // As the original: an edit past the end leaves `undefined` entries up to it, not holes.
    events.length = Math.min(first, end);
    for (let i = end; i < first; i++) events.push(undefined as unknown as Event);
    let at = first;
    for (const [index, remove, add] of this.map) {
      // The events between the previous edit's end and this one (none when they overlap).
      for (let i = at; i < index; i++) events.push(i < end ? tail[i - first]! : undefined as unknown as Event);
      for (const event of add) events.push(event);
      at = index + remove;
    }
    for (let i = at; i < end; i++) events.push(tail[i - first]!);
    this.map.length = 0;
    this.index.clear();
  }
}

function addImplementation(editMap: EditMap, at: number, remove: number, add: Event[], before: boolean): void {
  if (remove === 0 && add.length === 0) return;
  const existing = editMap.index.get(at);
  if (existing) {
    existing[1] += remove;
    if (before) {
      add.push(...existing[2]);
      existing[2] = add;
    } else {
      existing[2].push(...add);
    }
    return;
  }
  const change: Change = [at, remove, add];
  editMap.map.push(change);
  editMap.index.set(at, change);
}
