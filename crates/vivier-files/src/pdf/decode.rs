//! Stream data decoding, for the only streams the structure needs (cross-reference and object
//! streams): no filter, or `FlateDecode` with or without a PNG predictor. Inflating writes into
//! a buffer that may not grow past what is left of the budget, so a stream that inflates to a
//! gigabyte costs at most that much before it is refused.

use std::io::Read;

use flate2::read::ZlibDecoder;

use super::syntax::{Budget, Dict, Failure, Object, Parsed};

/// Decodes a stream's data, charging the bytes it produces to the budget.
pub(crate) fn decode(dict: &Dict, raw: &[u8], budget: &mut Budget) -> Parsed<Vec<u8>> {
    let flate = match dict.get(b"Filter") {
        None | Some(Object::Null) => false,
        Some(Object::Name(name)) if name == b"FlateDecode" => true,
        Some(Object::Array(filters)) => match filters.as_slice() {
            [] => false,
            [Object::Name(name)] if name == b"FlateDecode" => true,
            _ => return Err(Failure::Malformed),
        },
        _ => return Err(Failure::Malformed),
    };
    if !flate {
        budget.decoded = budget
            .decoded
            .checked_sub(raw.len())
            .ok_or(Failure::TooCostly)?;
        return Ok(raw.to_vec());
    }
    let inflated = inflate(raw, budget)?;
    let params = match dict.get(b"DecodeParms") {
        Some(Object::Dict(params)) => Some(params),
        Some(Object::Array(params)) => match params.as_slice() {
            [Object::Dict(params)] => Some(params),
            _ => None,
        },
        _ => None,
    };
    match params {
        Some(params) => unpredict(inflated, params),
        None => Ok(inflated),
    }
}

fn inflate(raw: &[u8], budget: &mut Budget) -> Parsed<Vec<u8>> {
    let limit = budget.decoded;
    let mut decoder = ZlibDecoder::new(raw);
    let mut out = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let read = match decoder.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            // Data cut short after a complete prefix (a truncated file, a missing checksum) is
            // kept, as readers do; nothing decoded at all is an error.
            Err(_) if !out.is_empty() => break,
            Err(_) => return Err(Failure::Malformed),
        };
        let len = out.len().saturating_add(read);
        if len > limit {
            return Err(Failure::TooCostly);
        }
        // Grow by doubling, but never past the limit: the peak stays about the limit.
        if len > out.capacity() {
            let target = out.capacity().saturating_mul(2).clamp(len, limit);
            out.reserve_exact(target - out.len());
        }
        out.extend_from_slice(chunk.get(..read).unwrap_or_default());
    }
    budget.decoded -= out.len();
    Ok(out)
}

/// Undoes a PNG predictor (`/Predictor` 10–15), as cross-reference streams use; the output is
/// never larger than the input, so it needs no budget of its own.
fn unpredict(data: Vec<u8>, params: &Dict) -> Parsed<Vec<u8>> {
    let predictor = params.int(b"Predictor").unwrap_or(1);
    if predictor == 1 || data.is_empty() {
        return Ok(data);
    }
    if !(10..=15).contains(&predictor) {
        return Err(Failure::Malformed);
    }
    let colors = params.int(b"Colors").unwrap_or(1);
    let bits = params.int(b"BitsPerComponent").unwrap_or(8);
    let columns = params.int(b"Columns").unwrap_or(1);
    if !(1..=32).contains(&colors) || !matches!(bits, 1 | 2 | 4 | 8 | 16) || columns < 1 {
        return Err(Failure::Malformed);
    }
    let bits_per_pixel = usize::try_from(colors * bits).map_err(|_| Failure::Malformed)?;
    let pixel = bits_per_pixel.div_ceil(8);
    let row = usize::try_from(columns)
        .ok()
        .and_then(|c| c.checked_mul(bits_per_pixel))
        .map(|bits| bits.div_ceil(8))
        // A row longer than the data would only allocate for nothing.
        .filter(|&row| row > 0 && row <= data.len())
        .ok_or(Failure::Malformed)?;
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; row];
    for line in data.chunks(row + 1) {
        let Some((&kind, bytes)) = line.split_first() else {
            break;
        };
        let mut current = vec![0u8; row];
        for (i, &byte) in bytes.iter().enumerate() {
            let left = if i >= pixel { current[i - pixel] } else { 0 };
            let up = previous[i];
            let up_left = if i >= pixel { previous[i - pixel] } else { 0 };
            current[i] = match kind {
                0 => byte,
                1 => byte.wrapping_add(left),
                2 => byte.wrapping_add(up),
                3 => byte.wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8),
                4 => byte.wrapping_add(paeth(left, up, up_left)),
                _ => return Err(Failure::Malformed),
            };
        }
        out.extend_from_slice(&current[..bytes.len()]);
        previous = current;
    }
    Ok(out)
}

fn paeth(left: u8, up: u8, up_left: u8) -> u8 {
    let estimate = i16::from(left) + i16::from(up) - i16::from(up_left);
    let distance = |value: u8| (estimate - i16::from(value)).abs();
    if distance(left) <= distance(up) && distance(left) <= distance(up_left) {
        left
    } else if distance(up) <= distance(up_left) {
        up
    } else {
        up_left
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::{Compression, write::ZlibEncoder};

    use super::*;

    fn flate_dict() -> Dict {
        let mut budget = Budget {
            scan: 1 << 20,
            values: 100,
            decoded: 0,
        };
        let text = b"<< /Filter /FlateDecode >>";
        match super::super::syntax::Cursor::new(text, 0, &mut budget).object(0) {
            Ok(Object::Dict(dict)) => dict,
            other => panic!("{other:?}"),
        }
    }

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).expect("compress");
        encoder.finish().expect("compress")
    }

    #[test]
    fn inflates_within_the_budget_and_charges_it() {
        let mut budget = Budget {
            scan: 0,
            values: 0,
            decoded: 1000,
        };
        let data = decode(&flate_dict(), &deflate(&[7; 600]), &mut budget);
        assert_eq!(data, Ok(vec![7; 600]));
        assert_eq!(budget.decoded, 400);
        // The next 600 bytes no longer fit.
        let data = decode(&flate_dict(), &deflate(&[7; 600]), &mut budget);
        assert_eq!(data, Err(Failure::TooCostly));
    }

    #[test]
    fn png_up_predictor_is_undone() {
        let mut budget = Budget {
            scan: 1 << 20,
            values: 100,
            decoded: 0,
        };
        let text = b"<< /Predictor 12 /Columns 3 >>";
        let Ok(Object::Dict(params)) =
            super::super::syntax::Cursor::new(text, 0, &mut budget).object(0)
        else {
            panic!("not a dictionary");
        };
        let encoded = vec![2, 1, 2, 3, 2, 1, 1, 1, 0, 9, 9, 9];
        assert_eq!(
            unpredict(encoded, &params),
            Ok(vec![1, 2, 3, 2, 3, 4, 9, 9, 9])
        );
    }
}
