// A simulation worker's first script. The page sends the URL of its
// wasm-bindgen glue and the WebAssembly.Module it has already compiled, so the
// worker runs the page's own module (src/worker.rs) without fetching or
// compiling anything; the module's `main` sees a worker scope and waits for jobs.
self.onmessage = async (event) => {
  self.onmessage = null;
  const { glue, module } = event.data;
  const { default: init } = await import(glue);
  await init({ module_or_path: module });
};
