//! The fast engine: the simulation worker alone (src/worker.rs), built with
//! every crate at opt-level 3 (the `engine` profile). The page's module is
//! built for size, and under fat LTO its engine is too, whatever the model's
//! own level says (the root Cargo.toml): this module runs a million trials
//! in 12-14% less time in Chromium, for 284 KB (gzip) that only a long run
//! downloads (src/workers.rs). Same bits: Rust does not reorder floating-point
//! arithmetic at any optimisation level.

fn main() {
    console_error_panic_hook::set_once();
    if let Some(scope) = burnrate_app::worker::scope() {
        burnrate_app::worker::start(scope);
    }
}
