//! Data parallelism for the CPU-bound checks (signature batches): contiguous chunks on scoped
//! threads, results in input order. One scheme, used by the log verifier and the pipeline's
//! batch check alike.

/// `f` over `items` in at most `threads` contiguous chunks (0 = one per core), on scoped
/// threads; inputs shorter than `2 * min_chunk` are done on the calling thread, where spawning
/// would cost more than it saves. Results come back in input order.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    min_chunk: usize,
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = if threads == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { threads };
    if threads <= 1 || items.len() < 2 * min_chunk.max(1) {
        return f(items);
    }
    let per = items.len().div_ceil(threads).max(min_chunk.max(1));
    std::thread::scope(|s| {
        let mut parts = items.chunks(per);
        // The calling thread takes the first chunk itself instead of idling in join.
        let first = parts.next().unwrap_or(&[]);
        let handles: Vec<_> = parts.map(|part| s.spawn(|| f(part))).collect();
        let mut out = f(first);
        for h in handles {
            out.extend(h.join().expect("worker thread panicked"));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_for_every_split() {
        let items: Vec<u32> = (0..1000).collect();
        for (threads, min) in [(1, 1), (2, 1), (3, 64), (7, 10), (0, 300), (4, 2000)] {
            let out = map_chunks(&items, threads, min, |part| part.iter().map(|i| i * 2).collect());
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>(), "{threads} {min}");
        }
        assert!(map_chunks(&[] as &[u32], 4, 1, |p| p.to_vec()).is_empty());
    }
}
