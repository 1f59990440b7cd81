# Sourced by the scripts: puts the npm tools (wasm-opt from binaryen) and cargo's
# installs on PATH, so Trunk finds them instead of trying to download them.
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$repo_root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
