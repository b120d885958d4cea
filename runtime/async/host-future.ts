/**
 * The JS face of `future<T>` (BRIEF §3): a future lifted out to the host is
 * a Promise of its value; the host passes in a Promise (or thenable). A
 * rejected Promise has no value to give, which a future cannot express: it
 * traps the store.
 */
import type { ComponentInstance } from '../resources/instance.js';
import type { AsyncElemType, CopySink } from './buffer.js';
import { COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED } from './codes.js';
import type { CopyListener, ReadSide } from './copy-end.js';
import { schedulerExternal, schedulerFail, schedulerWake, type AsyncScheduler } from './scheduler.js';

/** Receives a future's one value for the host. */
class HostValueSink implements CopySink {
  progress: number;
  value: unknown;

  constructor() {
    this.progress = 0;
    this.value = undefined;
  }

  remain(): number {
    return 1 - this.progress;
  }

  isZeroLength(): boolean {
    return false;
  }

  write(values: ArrayLike<unknown> | null): void {
    this.value = values === null ? undefined : values[0];
    this.progress = 1;
  }
}

/** A component's future as a Promise of its value (the readable end is consumed). */
export function hostFutureToPromise(side: ReadSide): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const sink = new HostValueSink();
    side.read(null, sink, {
      copyProgress() {},
      copyDone(result: number) {
        if (result === COPY_COMPLETED) resolve(sink.value);
        else reject(new Error(result === COPY_DROPPED ? 'canonjs: the future was dropped' : 'canonjs: the future read was cancelled'));
        side.drop();
      },
    });
  });
}

/** A host Promise as a future a component reads. */
export class HostFutureSource implements ReadSide {
  readonly elemType: AsyncElemType;
  readonly sched: AsyncScheduler;
  settled: boolean;
  value: unknown;
  dst: CopySink | null;
  listener: CopyListener | null;

  constructor(elemType: AsyncElemType, sched: AsyncScheduler, p: PromiseLike<unknown>) {
    this.elemType = elemType;
    this.sched = sched;
    this.settled = false;
    this.value = undefined;
    this.dst = null;
    this.listener = null;
    p.then(
      (v) => {
        this.settled = true;
        this.value = v;
        const dst = this.dst;
        if (dst !== null) {
          const l = this.listener!;
          this.dst = null;
          this.listener = null;
          schedulerExternal(this.sched, -1);
          dst.write([v], 1);
          l.copyDone(COPY_COMPLETED);
          schedulerWake(this.sched);
        }
      },
      (e) => {
        if (this.dst !== null) schedulerExternal(this.sched, -1);
        schedulerFail(this.sched, e);
      },
    );
  }

  read(_inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void {
    if (this.settled) {
      dst.write([this.value], 1);
      listener.copyDone(COPY_COMPLETED);
    } else {
      // while a component waits for it, the Promise is host work in flight
      this.dst = dst;
      this.listener = listener;
      schedulerExternal(this.sched, 1);
    }
  }

  cancel(): void {
    const l = this.listener;
    if (l !== null) {
      this.dst = null;
      this.listener = null;
      schedulerExternal(this.sched, -1);
      l.copyDone(COPY_CANCELLED);
    }
  }

  drop(): void {}
}
