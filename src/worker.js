// A simulation worker's first script. The page sends the URL of its
// wasm-bindgen glue and the WebAssembly.Module it has already compiled, so the
// worker runs the page's own module (src/worker.rs) without fetching or
// compiling anything; the module's `main` sees a worker scope and waits for
// jobs. For a long run the page asks for the fast engine (`fast`: its glue,
// beside the page's, fetches its own module, built for speed): the page's
// module is then the fallback, should the engine not load.
self.onmessage = async (event) => {
  self.onmessage = null;
  const { glue, module, fast } = event.data;
  if (fast) {
    try {
      const { default: init } = await import(new URL("fast-engine.js", glue).href);
      return await init();
    } catch (e) {
      console.warn(`the fast engine could not be loaded, the page's module goes on: ${e}`);
    }
  }
  const { default: init } = await import(glue);
  await init({ module_or_path: module });
};
