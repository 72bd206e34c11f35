/**
 * A progress bar with an ETA on stderr, only when stderr is a terminal (a pipe or a CI log
 * gets nothing: issue #17). Redrawn at most every 200 ms.
 */
export interface Progress {
  update(done: number, total: number | undefined): void;
  end(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, end: () => undefined };
const WIDTH = 30;

export function progressOn(stream: NodeJS.WriteStream, clock = () => performance.now()): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  const started = clock();
  let drawn = -Infinity;
  return {
    update(done, total) {
      const now = clock();
      if (now - drawn < 200) return;
      drawn = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      if (total === undefined || total === 0) {
        stream.write(`\r${String(done)} patients, ${rate.toFixed(0)}/s   `);
        return;
      }
      const share = Math.min(1, done / total);
      const filled = Math.round(share * WIDTH);
      const eta = rate > 0 ? (total - done) / rate : 0;
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(done)}/${String(total)} patients, ${rate.toFixed(0)}/s, ETA ${eta.toFixed(0)} s   `,
      );
    },
    end() {
      stream.write('\n');
    },
  };
}
