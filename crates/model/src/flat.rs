//! A flat binary form of the run's partial results, for the page's workers
//! to send their accumulators: little-endian numbers, lengths before lists.
//! It replaced JSON there (issue 16): serde's code for the accumulator, once
//! per direction, was 18 KB of the page's 483 KB (gzip), this is under 2 KB.
//! Every type lists its fields once, in [`flat!`], and reading builds the
//! struct with all of them named, so a field added and not listed does not
//! compile. Reading checks lengths against the bytes left: damaged input
//! gives `None`, never a panic or a huge allocation.

/// Writes itself to bytes and reads itself back.
pub trait Flat: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(input: &mut &[u8]) -> Option<Self>;
}

/// `value` as bytes.
pub fn to_bytes<T: Flat>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// The value `bytes` hold, if they hold exactly one.
pub fn from_bytes<T: Flat>(mut bytes: &[u8]) -> Option<T> {
    let value = T::take(&mut bytes)?;
    bytes.is_empty().then_some(value)
}

/// The next `n` bytes.
fn next<'a>(input: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if input.len() < n {
        return None;
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Some(head)
}

macro_rules! flat_number {
    ($($t:ty),*) => {$(
        impl Flat for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                let bytes = next(input, std::mem::size_of::<$t>())?;
                Some(<$t>::from_le_bytes(bytes.try_into().ok()?))
            }
        }
    )*};
}
flat_number!(u8, u32, u64, i128, f64);

impl Flat for usize {
    fn put(&self, out: &mut Vec<u8>) {
        (*self as u64).put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        usize::try_from(u64::take(input)?).ok()
    }
}

impl Flat for bool {
    fn put(&self, out: &mut Vec<u8>) {
        u8::from(*self).put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl<T: Flat> Flat for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for item in self {
            item.put(out);
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let n = usize::take(input)?;
        // Every item takes at least a byte: a longer list is damage.
        if n > input.len() {
            return None;
        }
        (0..n).map(|_| T::take(input)).collect()
    }
}

impl<T: Flat> Flat for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.is_some().put(out);
        if let Some(v) = self {
            v.put(out);
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some(if bool::take(input)? {
            Some(T::take(input)?)
        } else {
            None
        })
    }
}

impl Flat for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let n = usize::take(input)?;
        String::from_utf8(next(input, n)?.to_vec()).ok()
    }
}

/// `Flat` for a struct with named fields: each field in the order listed.
#[macro_export]
macro_rules! flat {
    ($t:ty { $($field:ident),* $(,)? }) => {
        impl $crate::flat::Flat for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $( $crate::flat::Flat::put(&self.$field, out); )*
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                Some(Self { $( $field: $crate::flat::Flat::take(input)? ),* })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lists_and_text_come_back_and_damage_is_refused() {
        let value: (Vec<Option<String>>, f64) = (vec![Some("é€".into()), None], -2.5);
        let mut out = Vec::new();
        value.0.put(&mut out);
        value.1.put(&mut out);
        let mut input = &out[..];
        assert_eq!(Vec::<Option<String>>::take(&mut input), Some(value.0));
        assert_eq!(f64::take(&mut input), Some(-2.5));
        assert!(input.is_empty());
        // Cut short, a list that claims more items than bytes, a bad flag.
        assert_eq!(
            from_bytes::<Vec<u64>>(&to_bytes(&vec![1u64, 2])[..12]),
            None
        );
        assert_eq!(from_bytes::<Vec<u8>>(&to_bytes(&u64::MAX)), None);
        assert_eq!(from_bytes::<bool>(&[2]), None);
        assert_eq!(from_bytes::<u8>(&[1, 2]), None, "bytes left over");
        assert_eq!(from_bytes(&to_bytes(&i128::MIN)), Some(i128::MIN));
    }
}
