/**
 * The resources emitter: run-time resource types, the resource built-ins,
 * own/borrow in the glue (host-facing, component-to-component, fused), and
 * the JS classes of resource types. The module emitter calls these.
 */
export { declareResourceType, resourceTypeRef, runtimeResource, type RuntimeResource } from './types.js';
export { emitResourceBuiltin, isResourceBuiltin } from './builtins.js';
export { handlePieces, handleTypes, type HandlePieces, type HandleSide } from './hooks.js';
export { fusedHandlePieces, type FusedHandlePieces } from './fused.js';
export { classRef, finishClasses, hostClassKeys, hostClassRef } from './classes.js';
export { createResourceState, parseAnnotated, resourceIdIn, type ClassMember, type ResourceState } from './state.js';
