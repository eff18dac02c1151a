import { it } from "vitest";

/**
 * A scenario's chapters are vitest tests run in order; each needs the ones before it. After a failure
 * the later chapters stop at once and name the chapter that broke, instead of failing confusingly.
 */
export function chapters(timeoutMs = 90_000) {
  let broken: string | null = null;
  return function chapter(name: string, fn: () => Promise<void>) {
    it(
      name,
      async () => {
        if (broken) throw new Error(`not run: the earlier chapter "${broken}" failed`);
        try {
          await fn();
        } catch (err) {
          broken = name;
          throw err;
        }
      },
      timeoutMs,
    );
  };
}
