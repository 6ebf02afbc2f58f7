//! Standard output that a closed pipe ends quietly. Rust ignores SIGPIPE,
//! so `align lint | head -1` sees its writes fail with EPIPE once `head`
//! exits. A reader that left wants nothing more, which is not an error:
//! from then on writes are dropped, and the command finishes its work and
//! exits with its own status (1 when lint found errors), every time, however
//! the race with the reader went.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout failed with a broken pipe.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// The locked standard output, dropping writes once its reader is gone.
pub fn lock() -> Stdout {
    Stdout {
        inner: io::stdout().lock(),
    }
}

/// Whether the reader of stdout has gone: what is left to print can be
/// skipped (the exit status must still be computed).
pub fn is_closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

pub struct Stdout {
    inner: io::StdoutLock<'static>,
}

impl Stdout {
    fn absorb<T>(result: io::Result<T>, closed: T) -> io::Result<T> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                CLOSED.store(true, Ordering::Relaxed);
                Ok(closed)
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if is_closed() {
            return Ok(buf.len());
        }
        Self::absorb(self.inner.write(buf), buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if is_closed() {
            return Ok(());
        }
        Self::absorb(self.inner.flush(), ())
    }
}
