/**
 * Async work in order and in bounds: `CallOrder` records overlapping calls in the order they were
 * made, and `JobWindow` keeps a bounded number of jobs in flight.
 */
import { describe, expect, it } from "vitest";
import { CallOrder, JobWindow } from "../packages/compiler/src/limit.js";

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("call order", () => {
  it("records in the order of the calls, whichever value is ready first", async () => {
    const order = new CallOrder();
    const recorded: string[] = [];
    const record = (value: string) => void recorded.push(value);
    await Promise.all([
      order.run(after(30, "first"), record),
      order.run(after(0, "second"), record),
      order.run(after(10, "third"), record),
    ]);

    expect(recorded).toEqual(["first", "second", "third"]);
  });

  it("lets the work of the records overlap", async () => {
    const order = new CallOrder();
    const events: string[] = [];
    const work = (name: string, ms: number) => () =>
      after(ms, name).then(() => void events.push(`${name} done`));
    await Promise.all([
      order.run(Promise.resolve(), work("slow", 30)),
      order.run(Promise.resolve(), work("fast", 0)),
    ]);

    expect(events).toEqual(["fast done", "slow done"]);
  });

  it("rejects only the failed call", async () => {
    const order = new CallOrder();
    const recorded: string[] = [];
    const failed = order.run(Promise.reject(new Error("unreadable")), () => undefined);
    const next = order.run(Promise.resolve("next"), (value) => void recorded.push(value));

    await expect(failed).rejects.toThrow("unreadable");
    await next;
    await order.settled();
    expect(recorded).toEqual(["next"]);
  });
});

describe("job window", () => {
  it("keeps at most its limit of jobs in flight", async () => {
    const window = new JobWindow(3);
    let running = 0;
    let max = 0;
    const job = async () => {
      max = Math.max(max, ++running);
      await after(5, undefined);
      running--;
    };
    for (let index = 0; index < 10; index++) await window.add(job());
    await window.drain();

    expect(max).toBe(3);
    expect(running).toBe(0);
  });

  it("throws a job's failure when it waits for that job", async () => {
    const window = new JobWindow(2);
    await window.add(Promise.reject(new Error("disk full")));

    await expect(window.add(Promise.resolve())).rejects.toThrow("disk full");
    await window.drain();
  });
});
