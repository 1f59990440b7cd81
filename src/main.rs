//! Entry point of the web app: install the panic hook, then mount the shell
//! in a page, or serve simulation jobs in a worker.

fn main() {
    console_error_panic_hook::set_once();
    // The same module runs the simulation workers (src/worker.rs).
    if let Some(scope) = burnrate_app::worker::scope() {
        return burnrate_app::worker::start(scope);
    }
    // Workers load and compile their WASM while the page builds itself.
    let _ = burnrate_app::workers::pool();
    // index.html's "Loading…" note stays only if the module never starts.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(burnrate_app::Root);
}
