//! Offer texts kept compressed in the read model.
//!
//! The sections of an offer (mission, profile…) are half of what an offer weighs in memory,
//! are read only when the offer is shown (its page, the API, a card's excerpt) and resemble
//! those of other offers: the same administrative phrases, the same trades. Each offer's
//! sections are compressed on their own, so that any one of them opens in microseconds, with
//! zstd and a dictionary trained on a sample of the catalogue, which holds those shared
//! phrases once: 100,000 offers keep ~20 MB of text instead of ~200 MB.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, PoisonError};

use vivier_domain::offer::OfferSections;
use zstd::dict::{DecoderDictionary, EncoderDictionary};
use zstd::zstd_safe::{self, CCtx, DCtx};

/// Offers whose sections train the dictionary, at most (the first ones read: taking more
/// costs training time and gains little).
pub(super) const TRAINING_OFFERS: usize = 2_000;
/// Fewer sample bytes than this train no useful dictionary: sections are then compressed
/// without one.
const MIN_TRAINING_BYTES: usize = 64 * 1024;
/// Largest dictionary (zstd's default; a larger one holds more phrases but fills caches).
const MAX_DICTIONARY_BYTES: usize = 64 * 1024;
/// Longest serialised sections packed (far beyond any offer): bounds what unpacking allocates.
const MAX_PLAIN_BYTES: usize = 16 << 20;
/// zstd's fastest level: with a dictionary, higher levels gain little on short texts.
const LEVEL: i32 = 1;

/// How the sections of offers are packed and unpacked; shared by every offer packed with it.
/// The default one has no dictionary.
#[derive(Default)]
pub struct SectionCodec {
    dictionary: Option<(EncoderDictionary<'static>, DecoderDictionary<'static>)>,
    /// A compression context and its output buffer, reused: creating a context costs more than
    /// compressing an offer.
    packing: Mutex<Packing>,
}

#[derive(Default)]
struct Packing {
    context: Option<CCtx<'static>>,
    output: Vec<u8>,
}

thread_local! {
    /// This thread's decompression context (any codec's: the dictionary comes with each call).
    static UNPACKING: RefCell<Option<DCtx<'static>>> = const { RefCell::new(None) };
}

impl std::fmt::Debug for SectionCodec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SectionCodec")
            .field("dictionary", &self.dictionary.is_some())
            .finish_non_exhaustive()
    }
}

/// The sections of one offer, packed by a [`SectionCodec`].
#[derive(Clone)]
pub struct PackedSections {
    codec: Arc<SectionCodec>,
    /// `FORMAT_*`, the length of the serialised sections (u32, little-endian), then them.
    bytes: Box<[u8]>,
}

impl std::fmt::Debug for PackedSections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackedSections")
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

const FORMAT_ZSTD: u8 = 1;
/// Stored as they are: only if compressing failed, which zstd does not do short of memory.
const FORMAT_RAW: u8 = 0;
const HEADER: usize = 5;

impl SectionCodec {
    /// A codec whose dictionary is trained on `samples` (see [`TRAINING_OFFERS`]); without a
    /// dictionary when they are too few or too short to train one.
    pub fn train<'a>(samples: impl IntoIterator<Item = &'a OfferSections>) -> Arc<Self> {
        let samples: Vec<Vec<u8>> = samples
            .into_iter()
            .take(TRAINING_OFFERS)
            .map(serialise)
            .filter(|s| !s.is_empty())
            .collect();
        let total: usize = samples.iter().map(Vec::len).sum();
        let dictionary = (total >= MIN_TRAINING_BYTES)
            .then(|| zstd::dict::from_samples(&samples, MAX_DICTIONARY_BYTES))
            .and_then(|trained| match trained {
                Ok(dictionary) => Some(dictionary),
                Err(error) => {
                    // Only costs memory: sections are compressed without a dictionary.
                    tracing::warn!(%error, "could not train the offer text dictionary");
                    None
                }
            })
            .map(|dictionary| {
                (
                    EncoderDictionary::copy(&dictionary, LEVEL),
                    DecoderDictionary::copy(&dictionary),
                )
            });
        Arc::new(Self {
            dictionary,
            packing: Mutex::default(),
        })
    }

    /// Packs an offer's sections.
    pub fn pack(self: &Arc<Self>, sections: &OfferSections) -> PackedSections {
        let plain = serialise(sections);
        let bytes = if plain.is_empty() {
            Box::default()
        } else {
            let mut packing = self.packing.lock().unwrap_or_else(PoisonError::into_inner);
            let Packing { context, output } = &mut *packing;
            let context = context.get_or_insert_with(CCtx::create);
            output.clear();
            output.reserve(zstd_safe::compress_bound(plain.len()));
            let compressed = if plain.len() > MAX_PLAIN_BYTES {
                Err("texts longer than 16 MiB")
            } else {
                match &self.dictionary {
                    Some((encoder, _)) => {
                        context.compress_using_cdict(output, &plain, encoder.as_cdict())
                    }
                    None => context.compress(output, &plain, LEVEL),
                }
                .map_err(zstd_safe::get_error_name)
            };
            let (format, body) = match compressed {
                Ok(_) => (FORMAT_ZSTD, output.as_slice()),
                Err(error) => {
                    tracing::warn!(
                        error,
                        "could not compress an offer's texts; kept as they are"
                    );
                    (FORMAT_RAW, plain.as_slice())
                }
            };
            let length = u32::try_from(plain.len()).unwrap_or(u32::MAX);
            let mut bytes = Vec::with_capacity(HEADER + body.len());
            bytes.push(format);
            bytes.extend_from_slice(&length.to_le_bytes());
            bytes.extend_from_slice(body);
            bytes.into_boxed_slice()
        };
        PackedSections {
            codec: self.clone(),
            bytes,
        }
    }

    fn unpack(&self, bytes: &[u8]) -> OfferSections {
        let Some((&[format, a, b, c, d], body)) = bytes.split_first_chunk::<HEADER>() else {
            return OfferSections::default();
        };
        let length = u32::from_le_bytes([a, b, c, d]) as usize;
        let plain = match format {
            FORMAT_RAW => Ok(body.to_vec()),
            _ if length > MAX_PLAIN_BYTES => Err("length out of bounds"),
            _ => UNPACKING.with_borrow_mut(|context| {
                let context = context.get_or_insert_with(DCtx::create);
                let mut plain = Vec::with_capacity(length);
                match &self.dictionary {
                    Some((_, decoder)) => {
                        context.decompress_using_ddict(&mut plain, body, decoder.as_ddict())
                    }
                    None => context.decompress(&mut plain, body),
                }
                .map(|_| plain)
                .map_err(zstd_safe::get_error_name)
            }),
        };
        match plain {
            Ok(plain) => deserialise(&plain),
            Err(error) => {
                // Never expected: these bytes were packed by this codec in this process.
                tracing::error!(error, "could not unpack an offer's texts");
                OfferSections::default()
            }
        }
    }
}

impl PackedSections {
    /// The sections, unpacked.
    pub fn unpack(&self) -> OfferSections {
        self.codec.unpack(&self.bytes)
    }

    /// Bytes taken by the packed sections.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the offer has no section at all.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// The sections of [`OfferSections`], in the order of [`serialise`].
fn fields(sections: &OfferSections) -> [&Option<String>; 8] {
    [
        &sections.mission,
        &sections.context,
        &sections.activities,
        &sections.team,
        &sections.profile,
        &sections.benefits,
        &sections.recruitment_process,
        &sections.special_conditions,
    ]
}

/// Each section as a length (u32 little-endian, `u32::MAX` for none) and its UTF-8 bytes; empty
/// when the offer has no section.
fn serialise(sections: &OfferSections) -> Vec<u8> {
    let fields = fields(sections);
    if fields.iter().all(|f| f.is_none()) {
        return Vec::new();
    }
    let mut bytes = Vec::with_capacity(
        fields
            .iter()
            .map(|f| 4 + f.as_ref().map_or(0, String::len))
            .sum(),
    );
    for field in fields {
        match field {
            Some(text) => {
                bytes.extend_from_slice(&u32::try_from(text.len()).unwrap_or(0).to_le_bytes());
                bytes.extend_from_slice(text.as_bytes());
            }
            None => bytes.extend_from_slice(&u32::MAX.to_le_bytes()),
        }
    }
    bytes
}

fn deserialise(mut bytes: &[u8]) -> OfferSections {
    let mut next = || -> Option<String> {
        let (length, rest) = bytes.split_first_chunk::<4>()?;
        let length = u32::from_le_bytes(*length);
        if length == u32::MAX {
            bytes = rest;
            return None;
        }
        let (text, rest) = rest.split_at_checked(length as usize)?;
        bytes = rest;
        Some(String::from_utf8_lossy(text).into_owned())
    };
    OfferSections {
        mission: next(),
        context: next(),
        activities: next(),
        team: next(),
        profile: next(),
        benefits: next(),
        recruitment_process: next(),
        special_conditions: next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(i: usize) -> OfferSections {
        OfferSections {
            mission: Some(format!(
                "Au sein de la direction du numérique, vous pilotez le projet n° {i} : \
                 cadrage, suivi des prestataires, recette et mise en production."
            )),
            context: None,
            activities: Some(String::new()),
            team: Some("Une équipe de 12 agents : développeurs, designers.".to_owned()),
            profile: Some(format!("Expérience de {} ans appréciée. ✓ Œuvre", i % 7)),
            benefits: None,
            recruitment_process: Some("Entretien avec le chef de service.".to_owned()),
            special_conditions: None,
        }
    }

    #[test]
    fn sections_come_back_as_they_went_in_with_a_dictionary() {
        let samples: Vec<OfferSections> = (0..1_000).map(sections).collect();
        let codec = SectionCodec::train(&samples);
        assert!(codec.dictionary.is_some(), "enough text to train");
        for original in samples.iter().take(50) {
            let packed = codec.pack(original);
            assert_eq!(&packed.unpack(), original);
            assert!(packed.len() < serialise(original).len() / 2, "{packed:?}");
        }
        // An offer unlike the samples still comes back whole.
        let other = OfferSections {
            special_conditions: Some("日本語 et العربية, \u{0} et \"guillemets\"".to_owned()),
            ..OfferSections::default()
        };
        assert_eq!(codec.pack(&other).unpack(), other);
    }

    #[test]
    fn a_small_catalogue_packs_without_a_dictionary() {
        let samples: Vec<OfferSections> = (0..3).map(sections).collect();
        let codec = SectionCodec::train(&samples);
        assert!(codec.dictionary.is_none());
        for original in &samples {
            assert_eq!(&codec.pack(original).unpack(), original);
        }
    }

    #[test]
    fn an_offer_without_sections_takes_no_bytes() {
        let codec = SectionCodec::train([]);
        let packed = codec.pack(&OfferSections::default());
        assert!(packed.is_empty());
        assert_eq!(packed.unpack(), OfferSections::default());
    }

    #[test]
    fn damaged_bytes_give_empty_sections_not_a_panic() {
        let codec = SectionCodec::train([]);
        for bytes in [
            &[1_u8][..],
            &[1, 255, 255, 255, 255, 0],
            &[0, 9, 0, 0, 0, 1, 2],
        ] {
            assert_eq!(codec.unpack(bytes), OfferSections::default());
        }
        assert_eq!(deserialise(&[3, 0, 0, 0, b'a']).mission, None);
    }
}
