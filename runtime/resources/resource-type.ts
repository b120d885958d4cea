/**
 * A resource type at run time (the spec's `ResourceType`). Identity is the
 * type: every instantiation of a component defines fresh ones, and handle
 * checks compare with `===`, never structurally.
 */
import type { HostObjects } from './host-objects.js';
import type { ComponentInstance } from './instance.js';

export class ResourceType {
  /** the defining component instance; null when the host defines the type */
  readonly impl: ComponentInstance | null;
  /** the destructor (a core function taking the rep), or null */
  readonly dtor: ((rep: number) => unknown) | null;
  /** the type's name, for messages */
  readonly name: string;
  /** drops lost own wrappers (JS face); created on first use */
  registry: FinalizationRegistry<number> | null;
  /** a host-defined type: the host objects its reps stand for (null for a component's type) */
  readonly objects: HostObjects | null;

  constructor(
    impl: ComponentInstance | null,
    dtor: ((rep: number) => unknown) | null,
    name: string,
    objects: HostObjects | null = null,
  ) {
    this.impl = impl;
    this.dtor = dtor;
    this.name = name;
    this.registry = null;
    this.objects = objects;
  }
}
