/**
 * Host-side stream and future ends for tests, after definitions.py's
 * run_tests.py: a source of values the test feeds (HostSource), a sink that
 * reads a stream as far as the test allows (HostSink), and their future
 * twins. They implement the runtime's side/buffer interfaces the way a JS
 * adapter would.
 */
import type { AsyncElemType, CopySink } from '../../runtime/async/buffer.js';
import { COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED } from '../../runtime/async/codes.js';
import type { CopyListener, CopyReclaim, ReadSide } from '../../runtime/async/copy-end.js';
import type { ComponentInstance } from '../../runtime/resources/instance.js';

/** A readable stream the host writes into. */
export class HostSource implements ReadSide {
  readonly elemType: AsyncElemType;
  remaining: number[];
  chunk: number;
  destroyIfEmpty: boolean;
  pendingDst: CopySink | null = null;
  pendingListener: CopyListener | null = null;
  /** cancel() only records; unblockCancel() finishes it (a host whose cancellation takes time) */
  slowCancel = false;
  cancelRequested = false;

  constructor(elemType: AsyncElemType, contents: number[], chunk: number, destroyIfEmpty = true) {
    this.elemType = elemType;
    this.remaining = contents;
    this.chunk = chunk;
    this.destroyIfEmpty = destroyIfEmpty;
  }

  private closed(): boolean {
    return this.remaining.length === 0 && this.destroyIfEmpty;
  }

  private resetPending(): void {
    this.pendingDst = null;
    this.pendingListener = null;
  }

  read(_inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void {
    if (this.closed()) {
      listener.copyDone(COPY_DROPPED);
    } else if (this.remaining.length > 0) {
      this.copy(dst);
      listener.copyDone(this.closed() ? COPY_DROPPED : COPY_COMPLETED);
    } else {
      this.pendingDst = dst;
      this.pendingListener = listener;
    }
  }

  private copy(dst: CopySink): void {
    const n = Math.min(dst.remain(), this.remaining.length, this.chunk);
    dst.write(this.remaining.splice(0, n), n);
  }

  cancel(): void {
    this.cancelRequested = true;
    if (!this.slowCancel) this.unblockCancel();
  }

  unblockCancel(): void {
    const l = this.pendingListener!;
    this.resetPending();
    l.copyDone(COPY_CANCELLED);
  }

  drop(): void {
    this.remaining = [];
    this.destroyIfEmpty = true;
    if (this.pendingDst !== null) {
      const l = this.pendingListener!;
      this.resetPending();
      l.copyDone(COPY_DROPPED);
    }
  }

  destroyOnceEmpty(): void {
    this.destroyIfEmpty = true;
    if (this.remaining.length === 0) this.drop();
  }

  write(vs: number[]): void {
    this.remaining.push(...vs);
    const dst = this.pendingDst;
    if (dst !== null) {
      this.copy(dst);
      if (dst.remain() > 0) {
        // the reader's buffer stays pending until it takes the event
        const reclaim: CopyReclaim = { resetPending: () => this.resetPending() };
        this.pendingListener!.copyProgress(reclaim);
      } else {
        const l = this.pendingListener!;
        this.resetPending();
        l.copyDone(COPY_COMPLETED);
      }
    }
  }
}

/** Reads a stream into `received`, at most `remain` values so far (the test raises it). */
export class HostSink implements CopySink, CopyListener {
  readonly side: ReadSide;
  received: number[] = [];
  progress = 0;
  writeRemain: number;
  closed = false;
  reading = false;

  constructor(side: ReadSide, remain = 2 ** 30) {
    this.side = side;
    this.writeRemain = remain;
    this.pump();
  }

  private pump(): void {
    if (this.reading || this.closed || this.writeRemain === 0) return;
    this.reading = true;
    this.side.read(null, this, this);
  }

  setRemain(n: number): void {
    this.writeRemain = n;
    this.pump();
  }

  remain(): number {
    return this.writeRemain;
  }

  isZeroLength(): boolean {
    return false;
  }

  write(vs: ArrayLike<unknown> | null, n: number): void {
    for (let k = 0; k < n; k++) this.received.push(vs === null ? 0 : Number(vs[k]));
    this.writeRemain -= n;
    this.progress += n;
  }

  copyProgress(reclaim: CopyReclaim): void {
    reclaim.resetPending();
    this.reading = false;
    this.pump();
  }

  copyDone(result: number): void {
    this.reading = false;
    if (result === COPY_DROPPED) this.closed = true;
    else this.pump();
  }

  consume(n: number): number[] {
    return this.received.splice(0, n);
  }
}

/** A readable future the host resolves. */
export class HostFutureSource implements ReadSide {
  readonly elemType: AsyncElemType;
  value: number | undefined;
  pendingDst: CopySink | null = null;
  pendingListener: CopyListener | null = null;

  constructor(elemType: AsyncElemType) {
    this.elemType = elemType;
  }

  read(_inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void {
    if (this.value !== undefined) {
      dst.write([this.value], 1);
      listener.copyDone(COPY_COMPLETED);
    } else {
      this.pendingDst = dst;
      this.pendingListener = listener;
    }
  }

  cancel(): void {
    const l = this.pendingListener!;
    this.pendingDst = null;
    this.pendingListener = null;
    l.copyDone(COPY_CANCELLED);
  }

  drop(): void {}

  resolve(v: number): void {
    if (this.pendingDst !== null) {
      this.pendingDst.write([v], 1);
      const l = this.pendingListener!;
      this.pendingDst = null;
      this.pendingListener = null;
      l.copyDone(COPY_COMPLETED);
    } else {
      this.value = v;
    }
  }
}

/** Reads a future once into `value`. */
export class HostFutureSink implements CopySink, CopyListener {
  value: number | undefined;
  progress = 0;
  result: number | undefined;

  constructor(side: ReadSide) {
    side.read(null, this, this);
  }

  remain(): number {
    return this.value === undefined ? 1 : 0;
  }

  isZeroLength(): boolean {
    return false;
  }

  write(vs: ArrayLike<unknown> | null): void {
    this.value = Number(vs![0]);
    this.progress = 1;
  }

  copyProgress(): void {}

  copyDone(result: number): void {
    this.result = result;
  }
}
