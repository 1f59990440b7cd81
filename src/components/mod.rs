//! The page's components.

pub mod architecture;
pub mod break_evens;
pub mod chart_canvas;
pub mod chart_list;
pub mod chart_readout;
pub mod dist_field;
pub mod editor;
pub mod fields;
pub mod glance;
pub mod model_picker;
pub mod pairwise;
pub mod prices;
pub mod results;
pub mod section;
pub mod share;
