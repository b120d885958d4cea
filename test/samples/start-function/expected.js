// runtime pieces: COMPONENT_ERROR_BRAND, ComponentError, hostValue, hostFunc, loadCoreModule, TRAPS, trap, tagTrap, TYPE_ERRORS, describeValue, typeError
export async function instantiate(imports = {}, options = {}) {
  const load = (f, url) => options.getCoreModule ? options.getCoreModule(f) : loadCoreModule(url());
  const [m0] = await Promise.all([load("c.core.wasm", () => new URL("./c.core.wasm", import.meta.url))]);
  let poisoned = false, enter0 = true, leave0 = true;
  const host = hostFunc(imports, ["seed"], "seed");
  const f0 = function f0() {
    if (!leave0) trap("trap/cannot-leave");
    const ret0 = host();
    if (ret0 >>> 0 !== ret0) throw typeError("type/u32", "result", ret0);
    return ret0;
  };
  const i0 = await WebAssembly.instantiate(m0, {
    host: {
      seed: f0
    }
  });
  const x = i0.exports.init;
  const start1 = function start1() {
    if (poisoned) trap("trap/poisoned");
    try {
      if (!enter0) trap("trap/cannot-enter");
      enter0 = false;
      x();
      enter0 = true;
    } catch (e) {
      poisoned = true;
      throw tagTrap(e);
    }
  };
  start1();
  const x1 = i0.exports.get;
  const get = function get() {
    if (poisoned) trap("trap/poisoned");
    try {
      if (!enter0) trap("trap/cannot-enter");
      enter0 = false;
      const v1 = x1() >>> 0;
      enter0 = true;
      return v1;
    } catch (e) {
      poisoned = true;
      throw tagTrap(e);
    }
  };
  return {
    get: get
  };
}
export {ComponentError};

//# sourceMappingURL=c.js.map
