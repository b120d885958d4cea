// runtime pieces: COMPONENT_ERROR_BRAND, ComponentError, loadCoreModule, MAX_STRING_BYTE_LENGTH, memLogicalSize, memRefresh, memView, memDataView, memBytes, TRAPS, trap, memRealloc, memAlloc, checkPtr, encodedLen, utf8Decoder, utf8LaxDecoder, utf8Encoder, SHORT_STRING, decodableBytes, stringInBounds, liftUtf8, lowerUtf8, tagTrap, TYPE_ERRORS, describeValue, typeError
export async function instantiate(imports = {}, options = {}) {
  const load = (f, url) => options.getCoreModule ? options.getCoreModule(f) : loadCoreModule(url());
  const [m0] = await Promise.all([load("c.core.wasm", () => new URL("./c.core.wasm", import.meta.url))]);
  let poisoned = false;
  const i0 = await WebAssembly.instantiate(m0, {});
  const x = i0.exports.greet;
  const x1 = i0.exports.post;
  const x2 = i0.exports.mem;
  const mem = memView(x2);
  const x3 = i0.exports.realloc;
  const greet = function greet(a0) {
    if (poisoned) trap("trap/poisoned");
    if (typeof a0 !== "object" || a0 === null) throw typeError("type/record", "arg 0", a0);
    const f1 = a0.fullName;
    if (typeof f1 !== "string") throw typeError("type/string", "arg 0 .fullName", f1);
    const f2 = a0.age;
    if (f2 >>> 0 !== f2) throw typeError("type/u32", "arg 0 .age", f2);
    try {
      const ptr3 = lowerUtf8(f1, mem, x3);
      const len4 = encodedLen;
      const ret5 = x(ptr3, len4, f2);
      const v6 = ret5 >>> 0;
      const dv7 = memDataView(mem);
      checkPtr(dv7, v6, 4, 12);
      const r12 = {
        fullName: liftUtf8(mem, dv7.getUint32(v6, true), dv7.getUint32(v6 + 4, true)),
        age: dv7.getUint32(v6 + 8, true)
      };
      x1(ret5);
      return r12;
    } catch (e) {
      poisoned = true;
      throw tagTrap(e);
    }
  };
  return {
    greet: greet
  };
}
export {ComponentError};

//# sourceMappingURL=c.js.map
