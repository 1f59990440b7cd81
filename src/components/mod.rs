//! The page's components.

pub mod chart_canvas;
pub mod editor;
pub mod fields;
pub mod results;
