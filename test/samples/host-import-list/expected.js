// runtime pieces: COMPONENT_ERROR_BRAND, ComponentError, hostValue, hostFunc, TYPED_ARRAY_CTORS, memLogicalSize, memRefresh, memDataView, TRAPS, trap, memRealloc, memAlloc, lowerNumbers, INT_IN_RANGE, badNumber, TYPE_ERRORS, describeValue, typeError, numbersError, loadCoreModule, memView, checkPtr, tagTrap
export async function instantiate(imports = {}, options = {}) {
  const load = (f, url) => options.getCoreModule ? options.getCoreModule(f) : loadCoreModule(url());
  const [m0, m1] = await Promise.all([load("c.core.wasm", () => new URL("./c.core.wasm", import.meta.url)), load("c.core2.wasm", () => new URL("./c.core2.wasm", import.meta.url))]);
  let poisoned = false, enter0 = true, leave0 = true;
  const i0 = await WebAssembly.instantiate(m0, {});
  const host = hostFunc(imports, ["numbers"], "numbers");
  const x = i0.exports.mem;
  const mem = memView(x);
  const x1 = i0.exports.realloc;
  const guarded = function (a0, a1, a2, a3) {
    leave0 = false;
    const r = x1(a0, a1, a2, a3);
    leave0 = true;
    return r;
  };
  const f0 = function f0(p0, p1) {
    if (!leave0) trap("trap/cannot-leave");
    const ret3 = host(p0 >>> 0);
    if (badNumber(ret3, "u32") !== -1) throw numbersError(ret3, "u32", "result");
    const v4 = p1 >>> 0;
    checkPtr(memDataView(mem), v4, 4, 8);
    const ptr6 = lowerNumbers(ret3, mem, guarded, "u32");
    const n7 = ret3.length;
    const dv8 = memDataView(mem);
    dv8.setUint32(v4, ptr6, true);
    dv8.setUint32(v4 + 4, n7, true);
  };
  const i1 = await WebAssembly.instantiate(m1, {
    host: {
      numbers: f0
    },
    mem: i0.exports
  });
  const x2 = i1.exports.total;
  const total = function total(a0) {
    if (poisoned) trap("trap/poisoned");
    if (a0 >>> 0 !== a0) throw typeError("type/u32", "arg 0", a0);
    try {
      if (!enter0) trap("trap/cannot-enter");
      enter0 = false;
      const v2 = x2(a0) >>> 0;
      enter0 = true;
      return v2;
    } catch (e) {
      poisoned = true;
      throw tagTrap(e);
    }
  };
  return {
    total: total
  };
}
export {ComponentError};

//# sourceMappingURL=c.js.map
