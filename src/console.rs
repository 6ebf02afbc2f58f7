//! Standard output and error that a closed pipe ends quietly. Rust ignores
//! SIGPIPE, so `align lint | head -1` sees its writes fail with EPIPE once
//! `head` exits. A reader that left wants nothing more, which is not an
//! error: from then on writes to that stream are dropped, and the command
//! finishes its work and exits with its own status (1 when lint found
//! errors), every time, however the race with the reader went.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout failed with a broken pipe.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// Likewise for stderr (`align leads overdue 2>&1 | head`).
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// The locked standard output, dropping writes once its reader is gone.
pub fn stdout() -> Console<io::StdoutLock<'static>> {
    Console {
        inner: io::stdout().lock(),
        closed: &STDOUT_CLOSED,
    }
}

/// Standard output locked for each write only (behind a buffer, once per
/// flush), so a writer can move to the thread that emits.
pub fn stdout_unlocked() -> Console<io::Stdout> {
    Console {
        inner: io::stdout(),
        closed: &STDOUT_CLOSED,
    }
}

/// The locked standard error, dropping writes once its reader is gone.
pub fn stderr() -> Console<io::StderrLock<'static>> {
    Console {
        inner: io::stderr().lock(),
        closed: &STDERR_CLOSED,
    }
}

/// A standard stream that turns a broken pipe into dropped writes.
pub struct Console<W> {
    inner: W,
    closed: &'static AtomicBool,
}

impl<W> Console<W> {
    fn absorb<T>(&self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.closed.store(true, Ordering::Relaxed);
                Ok(dropped)
            }
            other => other,
        }
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }
}

impl<W: Write> Write for Console<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.is_closed() {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.absorb(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.is_closed() {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.absorb(flushed, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that has gone.
    struct Gone;

    impl Write for Gone {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_broken_pipe_drops_writes_and_other_errors_stay_errors() {
        static CLOSED: AtomicBool = AtomicBool::new(false);
        let mut gone = Console {
            inner: Gone,
            closed: &CLOSED,
        };
        writeln!(gone, "first").unwrap();
        assert!(CLOSED.load(Ordering::Relaxed));
        writeln!(gone, "second").unwrap();
        gone.flush().unwrap();

        static NEVER: AtomicBool = AtomicBool::new(false);
        let mut full = Console {
            inner: Full,
            closed: &NEVER,
        };
        assert!(writeln!(full, "x").is_err());
        assert!(!NEVER.load(Ordering::Relaxed));
    }
}
