//! Sixteen or thirty-two bytes at a time: the vector operations the line
//! split, the quiet look's step (see `lines`) and strip's word counts are
//! written with, once for every width.
//! [`Narrow`] is the sixteen-byte vector every processor of the target has
//! (SSE2 on x86-64, an array elsewhere); [`Avx2`], on x86-64, the
//! thirty-two-byte one most processors since 2013 have, found at run time
//! (the binary is built for the baseline x86-64, which has no AVX2).
//!
//! Each test gives a byte whose high bit is set where it passes, and
//! [`Lanes::mask`] gathers those bits: bit `i` for byte `i`. Operations on
//! neighbours (a byte and the one before it) are done on masks, which
//! shift across the whole width, not on vectors, whose AVX2 shifts stop at
//! each half.

/// A vector of [`LANES`](Lanes::LANES) bytes and the operations on it. A
/// value of the type is what allows them: for [`Avx2`], the proof that the
/// processor has its instructions.
pub(crate) trait Lanes: Copy {
    /// The vector.
    type V: Copy;
    /// How many bytes a vector holds (at most 32: masks are `u64`, and a
    /// mask shifted by two stays within them).
    const LANES: usize;

    /// Bytes `at` to `at + LANES` of `bytes` (which must hold them).
    fn load(self, bytes: &[u8], at: usize) -> Self::V;
    /// `b` in every byte.
    fn splat(self, b: u8) -> Self::V;
    /// Bytes equal.
    fn eq(self, a: Self::V, b: Self::V) -> Self::V;
    /// Bytes less, read as signed bytes.
    fn lt(self, a: Self::V, b: Self::V) -> Self::V;
    /// Bytes subtracted, wrapping.
    fn sub(self, a: Self::V, b: Self::V) -> Self::V;
    fn and(self, a: Self::V, b: Self::V) -> Self::V;
    fn or(self, a: Self::V, b: Self::V) -> Self::V;
    /// `b` without `a`.
    fn and_not(self, a: Self::V, b: Self::V) -> Self::V;
    /// The high bit of each byte: bit `i` for byte `i`.
    fn mask(self, v: Self::V) -> u64;

    /// The bytes equal to `b`.
    #[inline(always)]
    fn is(self, v: Self::V, b: u8) -> Self::V {
        self.eq(v, self.splat(b))
    }

    /// The bytes from `low` to `high`: the distance from `low`, compared as
    /// a signed byte moved down by 0x80.
    #[inline(always)]
    fn within(self, v: Self::V, low: u8, high: u8) -> Self::V {
        self.lt(self.sub(v, self.splat(low ^ 0x80)), self.splat((high - low + 1) ^ 0x80))
    }

    /// Every bit of a mask of `LANES` bytes.
    #[inline(always)]
    fn all(self) -> u64 {
        u64::MAX >> (64 - Self::LANES)
    }
}

/// The bytes of the first [`LANES`](Lanes::LANES) of `chunk` that are not
/// printable ASCII (0x20–0x7E), or are "&" if `amp`: the quiet look's step
/// over the printable ASCII of every line (a step of eight bytes cost
/// English news 7.6 % more instructions in the text stages).
#[inline(always)]
pub(crate) fn unprintable<L: Lanes>(l: L, chunk: &[u8], amp: bool) -> u64 {
    let v = l.load(chunk, 0);
    // Signed: the bytes from 0x80 up are below the space too.
    let marked = l.or(l.lt(v, l.splat(0x20)), l.is(v, 0x7f));
    l.mask(if amp { l.or(marked, l.is(v, b'&')) } else { marked })
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) use x86::{Avx2, Sse2 as Narrow};

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod x86 {
    use super::Lanes;
    use std::arch::x86_64::{
        __m128i, __m256i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8, _mm256_and_si256, _mm256_andnot_si256,
        _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_sub_epi8,
    };

    /// SSE2, which every x86-64 processor has.
    #[derive(Clone, Copy)]
    pub(crate) struct Sse2;

    // SAFETY (every `unsafe` block of the impl): SSE2 is enabled (the cfg
    // above; every x86-64 target has it), and `load` reads bytes `at` to
    // `at + 16` of `bytes`, which the slice indexing checks (unaligned
    // loads are allowed).
    impl Lanes for Sse2 {
        type V = __m128i;
        const LANES: usize = 16;

        #[inline(always)]
        fn load(self, bytes: &[u8], at: usize) -> __m128i {
            let bytes: &[u8; 16] = bytes[at..at + 16].try_into().expect("sixteen bytes");
            unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
        }
        #[inline(always)]
        fn splat(self, b: u8) -> __m128i {
            unsafe { _mm_set1_epi8(b as i8) }
        }
        #[inline(always)]
        fn eq(self, a: __m128i, b: __m128i) -> __m128i {
            unsafe { _mm_cmpeq_epi8(a, b) }
        }
        #[inline(always)]
        fn lt(self, a: __m128i, b: __m128i) -> __m128i {
            unsafe { _mm_cmplt_epi8(a, b) }
        }
        #[inline(always)]
        fn sub(self, a: __m128i, b: __m128i) -> __m128i {
            unsafe { _mm_sub_epi8(a, b) }
        }
        #[inline(always)]
        fn and(self, a: __m128i, b: __m128i) -> __m128i {
            unsafe { _mm_and_si128(a, b) }
        }
        #[inline(always)]
        fn or(self, a: __m128i, b: __m128i) -> __m128i {
            unsafe { _mm_or_si128(a, b) }
        }
        #[inline(always)]
        fn and_not(self, a: __m128i, b: __m128i) -> __m128i {
            unsafe { _mm_andnot_si128(a, b) }
        }
        #[inline(always)]
        fn mask(self, v: __m128i) -> u64 {
            u64::from(unsafe { _mm_movemask_epi8(v) } as u16)
        }
    }

    /// AVX2: a value is made only where the processor has it. Its
    /// operations are inlined only into functions compiled for AVX2
    /// (`#[target_feature(enable = "avx2")]`, not generic: the compiler
    /// inlines into a generic function only once its types are known, and
    /// by then no longer inlines across target features); anywhere else
    /// each is a call.
    #[derive(Clone, Copy)]
    pub(crate) struct Avx2(());

    impl Avx2 {
        /// AVX2, if this processor has it (the answer is kept after the
        /// first question: each later one is a load and a test).
        #[inline(always)]
        pub(crate) fn detect() -> Option<Avx2> {
            std::arch::is_x86_feature_detected!("avx2").then_some(Avx2(()))
        }
    }

    // SAFETY (every `unsafe` block of the impl): a value of `Avx2` exists
    // only where `detect` found AVX2, and `load` reads bytes `at` to `at +
    // 32` of `bytes`, which the slice indexing checks (unaligned loads are
    // allowed).
    impl Lanes for Avx2 {
        type V = __m256i;
        const LANES: usize = 32;

        #[inline(always)]
        fn load(self, bytes: &[u8], at: usize) -> __m256i {
            let bytes: &[u8; 32] = bytes[at..at + 32].try_into().expect("thirty-two bytes");
            unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
        }
        #[inline(always)]
        fn splat(self, b: u8) -> __m256i {
            unsafe { _mm256_set1_epi8(b as i8) }
        }
        #[inline(always)]
        fn eq(self, a: __m256i, b: __m256i) -> __m256i {
            unsafe { _mm256_cmpeq_epi8(a, b) }
        }
        #[inline(always)]
        fn lt(self, a: __m256i, b: __m256i) -> __m256i {
            unsafe { _mm256_cmpgt_epi8(b, a) }
        }
        #[inline(always)]
        fn sub(self, a: __m256i, b: __m256i) -> __m256i {
            unsafe { _mm256_sub_epi8(a, b) }
        }
        #[inline(always)]
        fn and(self, a: __m256i, b: __m256i) -> __m256i {
            unsafe { _mm256_and_si256(a, b) }
        }
        #[inline(always)]
        fn or(self, a: __m256i, b: __m256i) -> __m256i {
            unsafe { _mm256_or_si256(a, b) }
        }
        #[inline(always)]
        fn and_not(self, a: __m256i, b: __m256i) -> __m256i {
            unsafe { _mm256_andnot_si256(a, b) }
        }
        #[inline(always)]
        fn mask(self, v: __m256i) -> u64 {
            u64::from(unsafe { _mm256_movemask_epi8(v) } as u32)
        }
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) use portable::Portable as Narrow;

/// Where the target has no vector this module knows: sixteen bytes in an
/// array, a byte at a time (which compilers may vectorize).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
mod portable {
    use super::Lanes;

    #[derive(Clone, Copy)]
    pub(crate) struct Portable;

    impl Portable {
        fn each(a: [u8; 16], b: [u8; 16], f: impl Fn(u8, u8) -> u8) -> [u8; 16] {
            std::array::from_fn(|i| f(a[i], b[i]))
        }
    }

    impl Lanes for Portable {
        type V = [u8; 16];
        const LANES: usize = 16;

        fn load(self, bytes: &[u8], at: usize) -> [u8; 16] {
            bytes[at..at + 16].try_into().expect("sixteen bytes")
        }
        fn splat(self, b: u8) -> [u8; 16] {
            [b; 16]
        }
        fn eq(self, a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
            Self::each(a, b, |x, y| if x == y { 0xff } else { 0 })
        }
        fn lt(self, a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
            Self::each(a, b, |x, y| if (x as i8) < (y as i8) { 0xff } else { 0 })
        }
        fn sub(self, a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
            Self::each(a, b, u8::wrapping_sub)
        }
        fn and(self, a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
            Self::each(a, b, |x, y| x & y)
        }
        fn or(self, a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
            Self::each(a, b, |x, y| x | y)
        }
        fn and_not(self, a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
            Self::each(a, b, |x, y| !x & y)
        }
        fn mask(self, v: [u8; 16]) -> u64 {
            v.iter().enumerate().fold(0, |mask, (i, &b)| mask | u64::from(b >> 7) << i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte in every place of a vector, among others, for each width
    /// this processor has.
    fn unprintable_marks_exactly_its_bytes<L: Lanes>(l: L) {
        for filler in [b'a', b'&', b' ', b'~', 0x1f, 0x7f, 0x80, 0xff] {
            for b in 0..=255u8 {
                for place in 0..L::LANES {
                    let mut bytes = vec![filler; L::LANES];
                    bytes[place] = b;
                    for amp in [false, true] {
                        let expected = bytes.iter().enumerate().fold(0, |mask, (i, &x)| {
                            mask | u64::from(!(0x20..=0x7e).contains(&x) || amp && x == b'&') << i
                        });
                        assert_eq!(unprintable(l, &bytes, amp), expected, "{bytes:?} {amp}");
                    }
                }
            }
        }
    }

    #[test]
    fn unprintable_marks_exactly_its_bytes_at_each_width() {
        unprintable_marks_exactly_its_bytes(Narrow);
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        if let Some(avx2) = Avx2::detect() {
            unprintable_marks_exactly_its_bytes(avx2);
        }
    }
}
