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
    leptos::mount::mount_to_body(burnrate_app::Root);
}
