//! Entry point of the web app: install the panic hook, mount the shell.

fn main() {
    console_error_panic_hook::set_once();
    // Workers load and compile their WASM while the page builds itself.
    let _ = burnrate_app::workers::pool();
    leptos::mount::mount_to_body(burnrate_app::Root);
}
