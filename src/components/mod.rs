//! The page's components.

pub mod architecture;
pub mod chart_canvas;
pub mod editor;
pub mod fields;
pub mod model_picker;
pub mod prices;
pub mod results;
pub mod share;
