//! Evidence cards: what a message found, where, how severe, its trace and chain position, drawn
//! as a BGRA frame with an 8x8 bitmap font. Pure and deterministic: the same card and size give
//! the same pixels, which is what lets a viewer check the picture it receives.

use font8x8::legacy::BASIC_LEGACY;
use serde_json::Value;

pub type Bgra = [u8; 4];

pub const BACKGROUND: Bgra = [32, 24, 20, 255];
pub const TEXT: Bgra = [235, 235, 235, 255];
pub const DIM: Bgra = [150, 150, 150, 255];
pub const WHITE: Bgra = [255, 255, 255, 255];
/// Provenance colours: verified green, broken red (the viewer's overlay, the board's borders).
pub const VERIFIED: Bgra = [60, 160, 40, 255];
pub const BROKEN: Bgra = [40, 40, 220, 255];

/// Severity colours (BGRA): critical red, high orange, medium amber, low green, none grey.
fn severity_colour(s: &str) -> Bgra {
    match s {
        "critical" => [40, 40, 220, 255],
        "high" => [30, 120, 240, 255],
        "medium" => [40, 190, 230, 255],
        "low" => [90, 170, 60, 255],
        _ => [120, 120, 120, 255],
    }
}

/// The text of a card, taken from an IFMessage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub headline: String,
    pub severity: String,
    pub lines: Vec<String>,
    pub trace_id: String,
}

fn field<'a>(v: &'a Value, path: &str) -> &'a str {
    v.pointer(path).and_then(Value::as_str).unwrap_or("")
}

impl Card {
    /// What was found, where, how severe, by whom. Never a raw secret: only fields meant for
    /// display (`summary`, `file`, `line`, `pattern`, `match_redacted`, ...) are shown.
    pub fn from_message(m: &Value) -> Card {
        let severity = match field(m, "/hazard/severity") {
            "" => field(m, "/scope/priority"),
            s => s,
        };
        let headline = match field(m, "/content/summary") {
            "" => format!("{} from {}", field(m, "/performative"), field(m, "/sender")),
            s => s.to_owned(),
        };
        let mut lines = Vec::new();
        let line = m.pointer("/content/line").map(|l| l.to_string()).unwrap_or_default();
        let file = field(m, "/content/file");
        if !file.is_empty() {
            lines.push(format!("where    {file}{}", if line.is_empty() { String::new() } else { format!(":{line}") }));
        }
        for (label, path) in [
            ("pattern", "/content/pattern"),
            ("match", "/content/match_redacted"),
            ("hazard", "/hazard/type"),
            ("rule", "/content/rule_id"),
        ] {
            let v = field(m, path);
            if !v.is_empty() {
                lines.push(format!("{label:<8} {v}"));
            }
        }
        lines.push(format!("from     {}", field(m, "/sender")));
        lines.push(format!("act      {}", field(m, "/performative")));
        lines.push(format!("at       {}", field(m, "/timestamp")));
        Card { headline, severity: severity.to_owned(), lines, trace_id: field(m, "/trace_id").to_owned() }
    }
}

/// A BGRA image.
#[derive(Clone)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for Canvas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Canvas({}x{})", self.width, self.height)
    }
}

impl Canvas {
    pub fn new(width: u32, height: u32, fill: Bgra) -> Self {
        Canvas { width, height, pixels: fill.repeat((width * height) as usize) }
    }

    pub fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, c: Bgra) {
        let (x0, x1) = (x.min(self.width) as usize, x.saturating_add(w).min(self.width) as usize);
        if x0 == x1 {
            return;
        }
        for yy in y..y.saturating_add(h).min(self.height) {
            let row = (yy * self.width) as usize * 4;
            for px in self.pixels[row + x0 * 4..row + x1 * 4].chunks_exact_mut(4) {
                px.copy_from_slice(&c);
            }
        }
    }

    /// A frame `thickness` pixels wide just inside the rectangle.
    pub fn border(&mut self, x: u32, y: u32, w: u32, h: u32, thickness: u32, c: Bgra) {
        let t = thickness.min(w / 2).min(h / 2);
        self.rect(x, y, w, t, c);
        self.rect(x, (y + h).saturating_sub(t), w, t, c);
        self.rect(x, y, t, h, c);
        self.rect((x + w).saturating_sub(t), y, t, h, c);
    }

    /// Draws `image` scaled (nearest pixel) to fit `w`x`h` at (`x`, `y`), keeping its aspect
    /// ratio and centred; clipped to the canvas. Reads only the pixels it shows, so a large
    /// frame costs no more than a small one.
    pub fn draw_scaled(&mut self, x: u32, y: u32, w: u32, h: u32, image: Image<'_>) {
        let (fw, fh) = fit(image.width, image.height, w, h);
        let (x0, y0) = (x + (w - fw) / 2, y + (h - fh) / 2);
        let row_bytes = image.width as usize * 4;
        for dy in 0..fh.min(self.height.saturating_sub(y0)) {
            let sy = (dy as u64 * image.height as u64 / fh as u64) as usize;
            let Some(src) = image.data.get(sy * image.stride..sy * image.stride + row_bytes) else { break };
            let row = ((y0 + dy) * self.width) as usize * 4;
            for dx in 0..fw.min(self.width.saturating_sub(x0)) {
                let sx = (dx as u64 * image.width as u64 / fw as u64) as usize * 4;
                let at = row + (x0 + dx) as usize * 4;
                self.pixels[at..at + 4].copy_from_slice(&src[sx..sx + 4]);
            }
        }
    }

    /// This canvas as an [`Image`].
    pub fn image(&self) -> Image<'_> {
        Image::packed(&self.pixels, self.width, self.height)
    }

    /// Draws ASCII text (other characters as `?`) at `scale` pixels per font pixel, clipped.
    pub fn text(&mut self, x: u32, y: u32, scale: u32, c: Bgra, s: &str) {
        for (i, ch) in s.chars().enumerate() {
            let code = if ch.is_ascii() && !ch.is_ascii_control() { ch as usize } else { b'?' as usize };
            let glyph = BASIC_LEGACY[code];
            let gx = x + i as u32 * 8 * scale;
            if gx >= self.width {
                break;
            }
            for (row, bits) in glyph.iter().enumerate() {
                for col in 0..8 {
                    if bits >> col & 1 == 1 {
                        self.rect(gx + col * scale, y + row as u32 * scale, scale, scale, c);
                    }
                }
            }
        }
    }
}

/// The largest size of `width`x`height`'s aspect ratio within `w`x`h` (0 for an empty picture).
pub fn fit(width: u32, height: u32, w: u32, h: u32) -> (u32, u32) {
    if width == 0 || height == 0 || w == 0 || h == 0 {
        return (0, 0);
    }
    // The whole width if the height that takes fits, else the whole height.
    let height_at_w = (w as u64 * height as u64 / width as u64) as u32;
    if height_at_w <= h {
        (w, height_at_w.max(1))
    } else {
        (((h as u64 * width as u64 / height as u64) as u32).clamp(1, w), h)
    }
}

/// `s` cut to at most `chars` characters (the last one `~` when cut).
pub fn clip(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(chars.saturating_sub(1)).collect();
    if chars > 0 {
        out.push('~');
    }
    out
}

/// Breaks `text` into at most `max_lines` lines of at most `width` characters, at spaces where it
/// can (a word longer than a line is cut); the last line ends in `...` when text is left over.
pub fn wrap_words(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words: std::collections::VecDeque<String> = text.split_whitespace().map(str::to_owned).collect();
    while let Some(word) = words.pop_front() {
        let (len, word_len) = (current.chars().count(), word.chars().count());
        if len > 0 && len + 1 + word_len <= width {
            current.push(' ');
            current.push_str(&word);
        } else if len == 0 && word_len <= width {
            current = word;
        } else if len == 0 {
            // Longer than a line: cut it, and carry the rest over.
            current = word.chars().take(width).collect();
            words.push_front(word.chars().skip(width).collect());
        } else {
            lines.push(std::mem::take(&mut current));
            words.push_front(word);
        }
        if lines.len() == max_lines {
            break;
        }
    }
    if lines.len() < max_lines && !current.is_empty() {
        lines.push(current);
        current = String::new();
    }
    let left_over = !words.is_empty() || !current.is_empty();
    if let (true, Some(last)) = (left_over, lines.last_mut()) {
        let keep = width.saturating_sub(3);
        if last.chars().count() > keep {
            *last = last.chars().take(keep).collect();
        }
        last.push_str("...");
    }
    lines
}

/// Draws `card` at `width`x`height` with a footer naming the chain position.
pub fn render(card: &Card, footer: &str, width: u32, height: u32) -> Canvas {
    let mut c = Canvas::new(width, height, BACKGROUND);
    let scale = (height / 180).max(1);
    let line_h = 8 * scale + 4 * scale;
    let band = severity_colour(&card.severity);
    c.rect(0, 0, width, 12 * scale, band);
    c.text(
        4 * scale,
        2 * scale,
        scale,
        [255, 255, 255, 255],
        &format!("{}  trace {}", card.severity.to_uppercase(), card.trace_id),
    );
    let big = scale * 2;
    let chars_per_line = (width / (8 * big)).max(1) as usize;
    let mut y = 20 * scale;
    for line in wrap_words(&card.headline, chars_per_line, 3) {
        c.text(4 * scale, y, big, TEXT, &line);
        y += 8 * big + 4 * scale;
    }
    y += 4 * scale;
    for l in &card.lines {
        if y + line_h > height - 14 * scale {
            break;
        }
        c.text(4 * scale, y, scale, TEXT, l);
        y += line_h;
    }
    c.rect(0, height - 12 * scale, width, 12 * scale, [60, 50, 45, 255]);
    c.text(4 * scale, height - 10 * scale, scale, DIM, footer);
    c
}

/// The viewer's provenance overlay: a band along the bottom, green when the stream verifies and
/// red when it does not, with `text` (key, chain position, trace, or the anomaly).
pub fn overlay(c: &mut Canvas, verified: bool, text: &str) {
    let (w, h) = (c.width, c.height);
    // As large as the frame allows, but small enough for the whole text to fit across.
    let fits = w.saturating_sub(8) / (8 * text.chars().count().max(1) as u32);
    let scale = (h / 180).min(fits).max(1);
    let colour = if verified { VERIFIED } else { BROKEN };
    c.rect(0, h.saturating_sub(14 * scale), w, 14 * scale, colour);
    c.text(4 * scale, h.saturating_sub(11 * scale), scale, WHITE, text);
}

/// A BGRA picture read where it lies, rows `stride` bytes apart (a receiver's buffer, or a
/// packed frame with `stride == width * 4`).
#[derive(Clone, Copy, Debug)]
pub struct Image<'a> {
    pub data: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub stride: usize,
}

impl<'a> Image<'a> {
    /// A packed frame: `width * 4` bytes a row.
    pub fn packed(data: &'a [u8], width: u32, height: u32) -> Self {
        Image { data, width, height, stride: width as usize * 4 }
    }

    /// The rows it has (a short buffer has fewer than `height`), each `width * 4` bytes.
    pub fn rows(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let row = self.width as usize * 4;
        (0..self.height as usize).map_while(move |y| self.data.get(y * self.stride..y * self.stride + row))
    }

    /// The pixels copied into `out`, packed.
    pub fn copy_packed(&self, out: &mut Vec<u8>) {
        out.clear();
        out.reserve(self.width as usize * self.height as usize * 4);
        for row in self.rows() {
            out.extend_from_slice(row);
        }
    }

    pub fn to_packed(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.copy_packed(&mut out);
        out
    }

    /// Its [`luma_grid`].
    pub fn luma_grid(&self) -> Vec<u8> {
        luma_grid_strided(self.data, self.width, self.height, self.stride)
    }
}

/// A perceptual fingerprint a receiver can recompute from the decoded picture: mean luma of a
/// 32x18 grid. Lossy transport moves cell means by a few levels; a different picture moves them
/// by far more (tolerance measured in tests/ndi.rs, documented in docs/if-ndi.md).
pub const GRID: (u32, u32) = (32, 18);

/// Largest cell difference accepted between a signed grid and the decoded picture's. Measured:
/// 6 after one NDI hop at 320x180 (tests/ndi.rs); two different cards differ by more than 20.
pub const GRID_TOLERANCE: u8 = 12;

pub fn luma_grid(bgra: &[u8], width: u32, height: u32) -> Vec<u8> {
    luma_grid_strided(bgra, width, height, width as usize * 4)
}

/// [`luma_grid`] of a picture whose rows are `stride` bytes apart (a receiver's buffer as NDI
/// hands it over, read in place). A short buffer (a broken frame) counts only the rows it has.
///
/// One pass, row by row: each row's luma is added to per-column sums (SSE2 on x86-64, four
/// pixels at a time), and each band of rows that makes one row of cells is summed across its
/// cell columns when it ends.
pub fn luma_grid_strided(data: &[u8], width: u32, height: u32, stride: usize) -> Vec<u8> {
    let (gw, gh) = (GRID.0 as usize, GRID.1 as usize);
    let (w, h) = (width as usize, height as usize);
    let mut grid = vec![0u8; gw * gh];
    if w == 0 || h == 0 || stride < w * 4 {
        return grid;
    }
    // Cell column `cx` holds pixel columns `x` with `x * gw / w == cx` (the last takes the rest).
    let first = |c: usize| (0..w).find(|x| (x * gw / w).min(gw - 1) >= c).unwrap_or(w);
    let bounds: Vec<usize> = (0..=gw).map(|c| if c == gw { w } else { first(c) }).collect();
    let mut columns = vec![0u32; w];
    let mut rows_in_band = 0u64;
    let mut band = 0;
    let mut flush = |columns: &mut [u32], band: usize, rows: u64| {
        for cx in 0..gw {
            let (start, end) = (bounds[cx], bounds[cx + 1]);
            let sum: u64 = columns[start..end].iter().map(|&s| s as u64).sum();
            if let Some(mean) = sum.checked_div(rows * (end - start) as u64) {
                grid[band * gw + cx] = mean as u8;
            }
        }
        columns.fill(0);
    };
    let image = Image { data, width, height, stride };
    for (y, row) in image.rows().enumerate() {
        let row_band = (y * gh / h).min(gh - 1);
        if row_band != band {
            flush(&mut columns, band, rows_in_band);
            (band, rows_in_band) = (row_band, 0);
        }
        add_luma(row, &mut columns);
        rows_in_band += 1;
    }
    flush(&mut columns, band, rows_in_band);
    grid
}

/// BT.601 luma of one BGRA pixel, integer: `(29 B + 150 G + 77 R) >> 8`.
fn luma(p: &[u8]) -> u32 {
    (29 * p[0] as u32 + 150 * p[1] as u32 + 77 * p[2] as u32) >> 8
}

/// Adds the luma of each pixel of `row` (BGRA) to `sums` (one per pixel).
#[cfg(target_arch = "x86_64")]
fn add_luma(row: &[u8], sums: &mut [u32]) {
    use std::arch::x86_64::*;
    let vectors = sums.len().min(row.len() / 4) / 4;
    // SAFETY: SSE2 is part of x86-64. Each unaligned load reads 16 bytes of `row` at 16 i, and
    // each load and store of `sums` 4 words at 4 i, for i < `vectors`: within both slices.
    unsafe {
        // 16-bit lanes: (B, G) (R, A) per pixel; B and R masked out, G and A shifted down, then
        // `madd` gives 29 B + 77 R and 150 G + 0 A as one 32-bit sum per pixel (at most 65280).
        let low = _mm_set1_epi16(0x00ff);
        let blue_red = _mm_set1_epi32(29 | (77 << 16));
        let green = _mm_set1_epi32(150);
        for i in 0..vectors {
            let v = _mm_loadu_si128(row.as_ptr().add(16 * i).cast());
            let br = _mm_madd_epi16(_mm_and_si128(v, low), blue_red);
            let ga = _mm_madd_epi16(_mm_srli_epi16(v, 8), green);
            let l = _mm_srli_epi32(_mm_add_epi32(br, ga), 8);
            let at = sums.as_mut_ptr().add(4 * i).cast::<__m128i>();
            _mm_storeu_si128(at, _mm_add_epi32(_mm_loadu_si128(at), l));
        }
    }
    let done = vectors * 4;
    for (s, p) in sums[done..].iter_mut().zip(row[done * 4..].chunks_exact(4)) {
        *s += luma(p);
    }
}

/// Adds the luma of each pixel of `row` (BGRA) to `sums` (one per pixel).
#[cfg(not(target_arch = "x86_64"))]
fn add_luma(row: &[u8], sums: &mut [u32]) {
    for (s, p) in sums.iter_mut().zip(row.chunks_exact(4)) {
        *s += luma(p);
    }
}

/// Largest per-cell difference between two grids.
pub fn grid_distance(a: &[u8], b: &[u8]) -> u8 {
    if a.len() != b.len() {
        return u8::MAX;
    }
    a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msg(summary: &str) -> Value {
        json!({"performative": "escalate", "sender": "if://agent/yologuard", "trace_id": "0123456789ab", "timestamp": "2026-11-25T15:05:01.123Z",
               "hazard": {"type": "safety", "severity": "critical"},
               "content": {"summary": summary, "file": "app/config.py", "line": 12, "pattern": "stripe", "match_redacted": "sk_l********ST", "match": "sk_live_SECRET"}})
    }

    #[test]
    fn card_shows_redacted_fields_only() {
        let card = Card::from_message(&msg("live Stripe key"));
        let all = format!("{} {}", card.headline, card.lines.join(" "));
        assert!(all.contains("app/config.py:12") && all.contains("sk_l********ST"), "{all}");
        assert!(!all.contains("sk_live_SECRET"));
        assert_eq!(card.severity, "critical");
    }

    /// The grid as docs/if-ndi.md defines it, written plainly, to hold the fast one to.
    fn luma_grid_by_the_definition(bgra: &[u8], width: u32, height: u32) -> Vec<u8> {
        let (gw, gh) = GRID;
        let mut sums = vec![0u64; (gw * gh) as usize];
        let mut counts = vec![0u64; (gw * gh) as usize];
        for y in 0..height {
            for x in 0..width {
                let p = &bgra[((y * width + x) * 4) as usize..][..3];
                let i = ((y * gh / height).min(gh - 1) * gw + (x * gw / width).min(gw - 1)) as usize;
                sums[i] += (29 * p[0] as u64 + 150 * p[1] as u64 + 77 * p[2] as u64) >> 8;
                counts[i] += 1;
            }
        }
        sums.iter().zip(&counts).map(|(s, c)| if *c == 0 { 0 } else { (s / c) as u8 }).collect()
    }

    #[test]
    fn the_grid_follows_its_definition_and_survives_broken_frames() {
        for (w, h) in [(320, 180), (1280, 720), (100, 50), (33, 17), (7, 3)] {
            let c = render(&Card::from_message(&msg("live Stripe key")), "chain 1 #1", w.max(64), h.max(36));
            let (w, h) = (c.width, c.height);
            assert_eq!(luma_grid(&c.pixels, w, h), luma_grid_by_the_definition(&c.pixels, w, h), "{w}x{h}");
            let noise: Vec<u8> = (0..w * h * 4).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
            assert_eq!(luma_grid(&noise, w, h), luma_grid_by_the_definition(&noise, w, h), "{w}x{h}");
            // Read in place, rows padded as a receiver's buffer may be: the same grid.
            let stride = w as usize * 4 + 20;
            let mut padded = vec![7u8; stride * h as usize];
            for (y, row) in noise.chunks_exact(w as usize * 4).enumerate() {
                padded[y * stride..][..row.len()].copy_from_slice(row);
            }
            let image =
                Image { data: &padded[..stride * (h as usize - 1) + w as usize * 4], width: w, height: h, stride };
            assert_eq!(image.luma_grid(), luma_grid(&noise, w, h), "{w}x{h} in place");
            assert_eq!(image.to_packed(), noise);
        }
        // Every byte value through the vector path and its tail: white, black, each channel.
        for px in [[255, 255, 255, 255], [0, 0, 0, 0], [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 255]] {
            let frame = px.repeat(37 * 19);
            assert_eq!(luma_grid(&frame, 37, 19), luma_grid_by_the_definition(&frame, 37, 19), "{px:?}");
        }
        assert_eq!(luma_grid(&[], 0, 0).len(), 576);
        assert_eq!(luma_grid(&[], 1920, 1080), vec![0; 576]);
        assert_eq!(luma_grid(&[255; 40], 1920, 1080).len(), 576);
    }

    #[test]
    fn headlines_wrap_at_words_and_say_when_cut() {
        assert_eq!(
            wrap_words("stripe_live_key in app/config.py:12", 20, 3),
            ["stripe_live_key in", "app/config.py:12"]
        );
        assert_eq!(wrap_words("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("one two three four five six", 9, 2), ["one two", "three..."]);
        assert_eq!(wrap_words("abcdefghijklmnop", 4, 2), ["abcd", "e..."]);
        assert_eq!(wrap_words("", 10, 3), Vec::<String>::new());
        assert!(wrap_words("x y", 0, 3).iter().all(|l| !l.is_empty()));
    }

    #[test]
    fn rendering_is_deterministic_and_distinct() {
        let a = render(&Card::from_message(&msg("live Stripe key")), "chain 1 #1", 320, 180);
        let b = render(&Card::from_message(&msg("live Stripe key")), "chain 1 #1", 320, 180);
        let c = render(&Card::from_message(&msg("AWS key in README")), "chain 1 #1", 320, 180);
        assert_eq!(a.pixels, b.pixels);
        let (ga, gc) = (luma_grid(&a.pixels, 320, 180), luma_grid(&c.pixels, 320, 180));
        assert_eq!(grid_distance(&ga, &luma_grid(&b.pixels, 320, 180)), 0);
        assert!(grid_distance(&ga, &gc) > 20, "{}", grid_distance(&ga, &gc));
    }
}

#[cfg(test)]
mod preview {
    /// `IF_CARD_PREVIEW=FILE cargo test --lib preview` writes a sample card, to look at.
    #[test]
    fn write_preview_when_asked() {
        let Some(path) = std::env::var_os("IF_CARD_PREVIEW") else { return };
        let m = serde_json::json!({"performative": "escalate", "sender": "if://agent/yologuard", "trace_id": "0123456789ab", "timestamp": "2026-11-25T15:05:01.123Z",
            "hazard": {"type": "safety", "severity": "critical"},
            "content": {"summary": "stripe_live_key in app/config.py:12", "file": "app/config.py", "line": 12, "pattern": "stripe_live_key", "match_redacted": "sk_l********ST"}});
        let c = super::render(&super::Card::from_message(&m), "chain 4f2a9c01  frame 1234  card 3", 1280, 720);
        std::fs::write(path, crate::ndi::png::encode_bgra(&c.pixels, 1280, 720)).unwrap();
    }
}
