// runtime pieces: COMPONENT_ERROR_BRAND, ComponentError, loadCoreModule, memLogicalSize, memRefresh, memView, memDataView, TRAPS, trap, memRealloc, memAlloc, tagTrap, TYPE_ERRORS, describeValue, typeError
export async function instantiate(imports = {}, options = {}) {
  const load = (f, url) => options.getCoreModule ? options.getCoreModule(f) : loadCoreModule(url());
  const [m0] = await Promise.all([load("c.core.wasm", () => new URL("./c.core.wasm", import.meta.url))]);
  let poisoned = false;
  const i0 = await WebAssembly.instantiate(m0, {});
  const x = i0.exports.sum;
  const x1 = i0.exports.mem;
  const mem = memView(x1);
  const x2 = i0.exports.realloc;
  const sum = function sum(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16) {
    if (poisoned) trap("trap/poisoned");
    if ((a0 & 0xff) !== a0) throw typeError("type/u8", "arg 0", a0);
    if ((a1 & 0xff) !== a1) throw typeError("type/u8", "arg 1", a1);
    if ((a2 & 0xff) !== a2) throw typeError("type/u8", "arg 2", a2);
    if ((a3 & 0xff) !== a3) throw typeError("type/u8", "arg 3", a3);
    if ((a4 & 0xff) !== a4) throw typeError("type/u8", "arg 4", a4);
    if ((a5 & 0xff) !== a5) throw typeError("type/u8", "arg 5", a5);
    if ((a6 & 0xff) !== a6) throw typeError("type/u8", "arg 6", a6);
    if ((a7 & 0xff) !== a7) throw typeError("type/u8", "arg 7", a7);
    if ((a8 & 0xff) !== a8) throw typeError("type/u8", "arg 8", a8);
    if ((a9 & 0xff) !== a9) throw typeError("type/u8", "arg 9", a9);
    if ((a10 & 0xff) !== a10) throw typeError("type/u8", "arg 10", a10);
    if ((a11 & 0xff) !== a11) throw typeError("type/u8", "arg 11", a11);
    if ((a12 & 0xff) !== a12) throw typeError("type/u8", "arg 12", a12);
    if ((a13 & 0xff) !== a13) throw typeError("type/u8", "arg 13", a13);
    if ((a14 & 0xff) !== a14) throw typeError("type/u8", "arg 14", a14);
    if ((a15 & 0xff) !== a15) throw typeError("type/u8", "arg 15", a15);
    if ((a16 & 0xff) !== a16) throw typeError("type/u8", "arg 16", a16);
    try {
      const ptr18 = memAlloc(mem, x2, 1, 17);
      const dv19 = memDataView(mem);
      dv19.setUint8(ptr18, a0);
      dv19.setUint8(ptr18 + 1, a1);
      dv19.setUint8(ptr18 + 2, a2);
      dv19.setUint8(ptr18 + 3, a3);
      dv19.setUint8(ptr18 + 4, a4);
      dv19.setUint8(ptr18 + 5, a5);
      dv19.setUint8(ptr18 + 6, a6);
      dv19.setUint8(ptr18 + 7, a7);
      dv19.setUint8(ptr18 + 8, a8);
      dv19.setUint8(ptr18 + 9, a9);
      dv19.setUint8(ptr18 + 10, a10);
      dv19.setUint8(ptr18 + 11, a11);
      dv19.setUint8(ptr18 + 12, a12);
      dv19.setUint8(ptr18 + 13, a13);
      dv19.setUint8(ptr18 + 14, a14);
      dv19.setUint8(ptr18 + 15, a15);
      dv19.setUint8(ptr18 + 16, a16);
      const v21 = x(ptr18) >>> 0;
      return v21;
    } catch (e) {
      poisoned = true;
      throw tagTrap(e);
    }
  };
  return {
    sum: sum
  };
}
export {ComponentError};

//# sourceMappingURL=c.js.map
