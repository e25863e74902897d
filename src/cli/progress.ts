/** Progress bars for long CLI work (cli-progress), quiet when stderr is not a terminal. */
import cliProgress from 'cli-progress';

export type Progress = { update(done: number, total: number): void; stop(): void };

export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) {
    let lastReported = -1;
    return {
      update(done, total) {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent >= lastReported + 25 || done === total) {
          lastReported = percent;
          process.stderr.write(`${label}: ${done}/${total}\n`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
