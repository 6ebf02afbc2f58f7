//! Leads files saved as UTF-16 (Excel's "Unicode text", some CRM exports):
//! recognised by their byte-order mark and decoded to UTF-8 as they are
//! read, so the rest of the reader sees UTF-8 and memory stays that of a
//! buffer. An unpaired surrogate becomes U+FFFD, which the row checks then
//! report like any other odd character.

use std::fs::File;
use std::io::{self, Read, Seek};

/// Bytes decoded per refill.
const CHUNK: usize = 64 << 10;

/// Opens a leads file: a reader of its text as UTF-8, whatever the
/// encoding its byte-order mark names.
pub fn open(mut file: File) -> io::Result<Box<dyn Read + Send>> {
    let mut mark = [0u8; 2];
    let mut read = 0;
    while read < 2 {
        match file.read(&mut mark[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    match (read, mark) {
        (2, [0xFF, 0xFE]) => Ok(Box::new(Utf16Reader::new(file, false))),
        (2, [0xFE, 0xFF]) => Ok(Box::new(Utf16Reader::new(file, true))),
        _ => {
            file.rewind()?;
            Ok(Box::new(file))
        }
    }
}

/// Decodes UTF-16 (after its byte-order mark) into UTF-8.
pub struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    raw: Vec<u8>,
    /// Bytes of `raw` not yet decoded (an odd byte, a lone high surrogate).
    raw_len: usize,
    out: Vec<u8>,
    out_at: usize,
    eof: bool,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, big_endian: bool) -> Utf16Reader<R> {
        Utf16Reader {
            inner,
            big_endian,
            raw: vec![0; CHUNK],
            raw_len: 0,
            out: Vec::with_capacity(CHUNK * 3 / 2),
            out_at: 0,
            eof: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_at = 0;
        while self.out.is_empty() && !self.eof {
            let n = loop {
                match self.inner.read(&mut self.raw[self.raw_len..]) {
                    Ok(n) => break n,
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    Err(error) => return Err(error),
                }
            };
            if n == 0 {
                self.eof = true;
            }
            self.raw_len += n;
            let units = self.raw[..self.raw_len - self.raw_len % 2]
                .chunks_exact(2)
                .map(|pair| {
                    let pair = [pair[0], pair[1]];
                    if self.big_endian {
                        u16::from_be_bytes(pair)
                    } else {
                        u16::from_le_bytes(pair)
                    }
                });
            let mut units: Vec<u16> = units.collect();
            // A high surrogate at the end waits for its partner.
            let keep_units = usize::from(
                !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)),
            );
            units.truncate(units.len() - keep_units);
            let mut buf = [0u8; 4];
            for decoded in char::decode_utf16(units.iter().copied()) {
                let c = decoded.unwrap_or(char::REPLACEMENT_CHARACTER);
                self.out
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            let used = units.len() * 2;
            self.raw.copy_within(used..self.raw_len, 0);
            self.raw_len -= used;
            if self.eof && self.raw_len > 0 {
                // An odd final byte.
                self.out.extend_from_slice(
                    char::REPLACEMENT_CHARACTER.encode_utf8(&mut buf).as_bytes(),
                );
                self.raw_len = 0;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_at == self.out.len() {
            self.refill()?;
        }
        let available = &self.out[self.out_at..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.out_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], big_endian: bool) -> String {
        let mut text = Vec::new();
        // A one-byte reader crosses every pair and surrogate boundary.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        Utf16Reader::new(Trickle(bytes), big_endian)
            .read_to_end(&mut text)
            .unwrap();
        String::from_utf8(text).unwrap()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn decodes_both_byte_orders_and_surrogate_pairs() {
        let text = "id,owner\r\n1,Zoë 😀\r\n";
        assert_eq!(decode(&utf16(text, false), false), text);
        assert_eq!(decode(&utf16(text, true), true), text);
        let mut broken = utf16("a", false);
        broken.extend_from_slice(&0xD800u16.to_le_bytes());
        broken.extend_from_slice(&utf16("b", false));
        broken.push(0x41);
        assert_eq!(decode(&broken, false), "a\u{FFFD}b\u{FFFD}");
    }

    proptest::proptest! {
        /// Any sequence of UTF-16 units decodes as the standard library's
        /// lossy decoder decodes it, whatever the read sizes.
        #[test]
        fn decodes_like_the_standard_library(units in proptest::collection::vec(proptest::num::u16::ANY, 0..64)) {
            let bytes: Vec<u8> = units.iter().flat_map(|unit| unit.to_le_bytes()).collect();
            proptest::prop_assert_eq!(decode(&bytes, false), String::from_utf16_lossy(&units));
        }
    }

    #[test]
    fn open_sniffs_the_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leads.csv");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16("id,x\n", false));
        std::fs::write(&path, &bytes).unwrap();
        let mut text = String::new();
        open(File::open(&path).unwrap())
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "id,x\n");
        std::fs::write(&path, "id,x\n").unwrap();
        let mut text = String::new();
        open(File::open(&path).unwrap())
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "id,x\n");
    }
}
