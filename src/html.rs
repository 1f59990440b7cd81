//! Small read-only tables written as HTML text and set as an element's
//! inner HTML: a table of n×n cells through the view macros compiled a
//! kilobyte or more per table into the page; text costs a `format!`.

pub use burnrate_model::markup::escape;

#[cfg(test)]
mod tests {
    #[test]
    fn names_cannot_write_markup() {
        assert_eq!(
            super::escape(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
    }
}
