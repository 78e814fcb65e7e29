//! WAV (RIFF, PCM 16-bit mono, 8 kHz): the header of a recording and the reading of one back.
//! Pure: the caller writes the file (the header first with 0 samples, patched at the end).

use super::RATE;

/// The header's length: samples start here.
pub const HEADER: usize = 44;

/// The header of a file holding `samples` samples.
pub fn header(samples: u32) -> [u8; HEADER] {
    let data = samples.saturating_mul(2);
    let mut h = [0u8; HEADER];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&(36u32.saturating_add(data)).to_le_bytes());
    h[8..12].copy_from_slice(b"WAVE");
    h[12..16].copy_from_slice(b"fmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&1u16.to_le_bytes()); // mono
    h[24..28].copy_from_slice(&RATE.to_le_bytes());
    h[28..32].copy_from_slice(&(RATE * 2).to_le_bytes());
    h[32..34].copy_from_slice(&2u16.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data.to_le_bytes());
    h
}

/// Samples as the file holds them (little-endian).
pub fn samples_bytes(samples: &[i16]) -> Vec<u8> {
    samples.iter().flat_map(|s| s.to_le_bytes()).collect()
}

/// The samples of a file `header` wrote, or None when it is not one.
pub fn parse(bytes: &[u8]) -> Option<Vec<i16>> {
    if bytes.len() < HEADER || &bytes[0..4] != b"RIFF" || &bytes[8..16] != b"WAVEfmt " || &bytes[36..40] != b"data" {
        return None;
    }
    let n = u32::from_le_bytes(bytes[40..44].try_into().ok()?) as usize;
    let data = bytes.get(HEADER..HEADER + n)?;
    Some(data.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back() {
        let s: Vec<i16> = (0..320).map(|i| (i * 100 - 16000) as i16).collect();
        let mut file = header(s.len() as u32).to_vec();
        file.extend(samples_bytes(&s));
        assert_eq!(parse(&file), Some(s));
        assert_eq!(&file[0..4], b"RIFF");
        assert_eq!(u32::from_le_bytes(file[4..8].try_into().unwrap()) as usize, file.len() - 8);
        assert_eq!(parse(&file[..40]), None);
    }
}
