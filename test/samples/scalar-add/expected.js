// runtime pieces: COMPONENT_ERROR_BRAND, ComponentError, loadCoreModule, TRAPS, trap, tagTrap, TYPE_ERRORS, describeValue, typeError
export async function instantiate(imports = {}, options = {}) {
  const load = (f, url) => options.getCoreModule ? options.getCoreModule(f) : loadCoreModule(url());
  const [m0] = await Promise.all([load("c.core.wasm", () => new URL("./c.core.wasm", import.meta.url))]);
  let poisoned = false;
  const i0 = await WebAssembly.instantiate(m0, {});
  const x = i0.exports.add;
  const add = function add(a0, a1) {
    if (poisoned) trap("trap/poisoned");
    if (a0 >>> 0 !== a0) throw typeError("type/u32", "arg 0", a0);
    if (a1 >>> 0 !== a1) throw typeError("type/u32", "arg 1", a1);
    try {
      const v3 = x(a0, a1) >>> 0;
      return v3;
    } catch (e) {
      poisoned = true;
      throw tagTrap(e);
    }
  };
  return {
    add: add
  };
}
export {ComponentError};

//# sourceMappingURL=c.js.map
