import type { CliIo } from "../cli-io.js";
import type { ProgressSnapshot } from "../reporters/run-progress.js";
import { LiveReporter } from "./live-reporter.js";

/**
 * Mounts the ink view on the terminal behind stderr and returns the
 * reporter that feeds it. ink and React are imported here, on first use,
 * so commands that draw nothing never load them.
 */
export async function startLiveView(
  io: CliIo,
  options: { isColored: boolean },
): Promise<LiveReporter> {
  const [{ render }, { createElement }, { LiveView }] = await Promise.all([
    import("ink"),
    import("react"),
    import("./live-view.js"),
  ]);
  const element = (snapshot: ProgressSnapshot) =>
    createElement(LiveView, { snapshot, isColored: options.isColored });
  let instance: ReturnType<typeof render> | null = null;
  return new LiveReporter({
    draw(snapshot) {
      if (instance === null) {
        instance = render(element(snapshot), {
          stdout: io.stderr as NodeJS.WriteStream,
          exitOnCtrlC: false,
          patchConsole: false,
          maxFps: 10,
        });
      } else {
        instance.rerender(element(snapshot));
      }
    },
    async close() {
      if (instance === null) return;
      instance.unmount();
      await instance.waitUntilExit();
    },
  });
}
