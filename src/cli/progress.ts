// A progress line on stderr ("412 / 2,000 files") for a stylish run on a terminal that
// takes longer than a second: nothing before that, at most ten updates a second, and the
// line is wiped before the report is printed.
export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

export function progressLine(write: (s: string) => void, now: () => number = Date.now, delayMs = 1000): Progress {
  const start = now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      if (t - start < delayMs || (t - last < 100 && done < total)) return;
      last = t;
      shown = true;
      write(`\r${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} files\u001b[K`);
    },
    end() {
      if (shown) write('\r\u001b[K');
      shown = false;
    },
  };
}
