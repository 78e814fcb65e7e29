//! A minimal PNG writer (RGB, 8 bits, deflate through `miniz_oxide`): enough for snapshots and the
//! live web view without an image library.

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// Encodes a BGRA image as an RGB PNG: video frames are opaque (NDI's BGRX leaves the fourth byte
/// to the sender), so the alpha byte is dropped rather than trusted.
pub fn encode_bgra(bgra: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity((width * height * 3 + height) as usize);
    for row in bgra.chunks_exact((width * 4) as usize).take(height as usize) {
        raw.push(0); // filter: none
        for px in row.chunks_exact(4) {
            raw.extend_from_slice(&[px[2], px[1], px[0]]);
        }
    }
    // Level 1: cards and screen content are mostly flat colour, which even the fastest level
    // shrinks a hundredfold; the web view encodes on demand and should stay cheap.
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 1);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8 bits, truecolour, deflate, no filter, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_checksums() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn pixels_survive_a_round_trip_through_inflate() {
        let (w, h) = (5u32, 3u32);
        let bgra: Vec<u8> = (0..w * h * 4).map(|i| (i * 7) as u8).collect();
        let png = super::encode_bgra(&bgra, w, h);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let idat_len = u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&png[41..41 + idat_len]).unwrap();
        let expected: Vec<u8> = bgra
            .chunks_exact(20)
            .flat_map(|row| std::iter::once(0).chain(row.chunks_exact(4).flat_map(|p| [p[2], p[1], p[0]])))
            .collect();
        assert_eq!(raw, expected);
        assert!(png.ends_with(b"IEND\xae\x42\x60\x82"));
    }
}
