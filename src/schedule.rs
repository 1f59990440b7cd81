//! How a run's trials are handed to the workers: in chunks, large at first
//! and smaller towards the end (guided self-scheduling), each to whichever
//! worker asks next. Halves fixed in advance leave a core idle while the
//! other finishes: a worker that started later, or a slower core (a laptop's
//! efficiency cores), sets the pace. Any split gives the same numbers: trial
//! `t` draws from its own stream and accumulators merge exactly.

use std::ops::Range;

/// Smallest chunk: tens of milliseconds of work, so that the last chunks
/// even the workers out without a message per handful of trials.
pub const MIN_CHUNK: u64 = 2_000;

/// Chunks each worker holds at once: the next is already there when one ends,
/// so a worker does not wait for the page (busy drawing) to send more.
pub const AHEAD: u64 = 2;

#[derive(Debug, Clone, Default)]
pub struct Schedule {
    next: u64,
    total: u64,
    workers: u64,
}

impl Schedule {
    pub fn new(total: u64, workers: usize) -> Schedule {
        Schedule {
            next: 0,
            total,
            workers: workers.max(1) as u64,
        }
    }

    /// The next chunk: a share of what is left, so that every worker still
    /// has a chunk or two to run when the trials run out.
    pub fn next_chunk(&mut self) -> Option<Range<u64>> {
        let left = self.total - self.next;
        if left == 0 {
            return None;
        }
        let size = left.div_ceil(AHEAD * self.workers).max(MIN_CHUNK).min(left);
        let chunk = self.next..self.next + size;
        self.next = chunk.end;
        Some(chunk)
    }

    /// Every trial has been handed out.
    pub fn is_done(&self) -> bool {
        self.next == self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(total: u64, workers: usize) -> Vec<Range<u64>> {
        let mut s = Schedule::new(total, workers);
        std::iter::from_fn(|| s.next_chunk()).collect()
    }

    #[test]
    fn every_trial_is_handed_out_once_in_order() {
        for (total, workers) in [
            (0, 2),
            (1, 1),
            (1_999, 2),
            (2_000, 8),
            (100_000, 2),
            (1_000_000, 8),
        ] {
            let c = chunks(total, workers);
            let mut next = 0;
            for r in &c {
                assert_eq!(r.start, next, "{total} trials, {workers} workers: {c:?}");
                assert!(r.end > r.start);
                next = r.end;
            }
            assert_eq!(next, total);
        }
    }

    #[test]
    fn chunks_shrink_to_the_minimum_and_no_further() {
        let c = chunks(1_000_000, 2);
        // A quarter of the trials first (two workers, two chunks each ahead).
        assert_eq!(c[0], 0..250_000);
        assert!(
            c.windows(2)
                .all(|w| w[1].end - w[1].start <= w[0].end - w[0].start)
        );
        let last = c.last().unwrap();
        assert!(last.end - last.start <= MIN_CHUNK);
        assert!(
            c[..c.len() - 1]
                .iter()
                .all(|r| r.end - r.start >= MIN_CHUNK)
        );
        // Few messages: dozens of chunks for a million trials, not thousands.
        assert!(c.len() < 80, "{} chunks", c.len());
    }

    #[test]
    fn a_small_run_leaves_some_workers_without_a_chunk() {
        let c = chunks(5_000, 8);
        assert_eq!(c, vec![0..2_000, 2_000..4_000, 4_000..5_000]);
    }
}
