//! How far an import is: a progress bar on a terminal, log lines otherwise.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vivier_import::sync::Progress;
use vivier_web::format::thousands;

/// How often a log line is written when stderr is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// A reader that counts the bytes read through it, for the share of the file done.
#[derive(Debug)]
pub struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> (Self, Arc<AtomicU64>) {
        let count = Arc::new(AtomicU64::new(0));
        (
            Self {
                inner,
                count: count.clone(),
            },
            count,
        )
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The display of a run's progress.
#[derive(Debug)]
pub struct Display {
    mode: Mode,
    started: Instant,
    total_bytes: u64,
    bytes: Arc<AtomicU64>,
}

#[derive(Debug)]
enum Mode {
    /// A bar over the file's bytes (stderr is a terminal).
    Bar(ProgressBar),
    /// A line every [`LOG_EVERY`], through tracing.
    Log { last: Instant },
}

impl Display {
    /// A display for a file of `total_bytes`, whose reader counts into `bytes`.
    pub fn new(total_bytes: u64, bytes: Arc<AtomicU64>, terminal: bool) -> Self {
        let started = Instant::now();
        let mode = if terminal {
            let bar =
                ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{wide_bar}] {percent:>3} % · {msg} · reste {eta}",
                )
                .expect("a valid progress template")
                .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            Mode::Bar(bar)
        } else {
            Mode::Log { last: started }
        };
        Self {
            mode,
            started,
            total_bytes,
            bytes,
        }
    }

    /// Shows `progress`.
    pub fn update(&mut self, progress: Progress) {
        let done = self.bytes.load(Ordering::Relaxed).min(self.total_bytes);
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = (progress.rows as f64 / elapsed) as u64;
        match &mut self.mode {
            Mode::Bar(bar) => {
                bar.set_position(done);
                bar.set_message(format!(
                    "{} lignes · {} lignes/s",
                    thousands(progress.rows),
                    thousands(rate)
                ));
            }
            Mode::Log { last } => {
                if last.elapsed() < LOG_EVERY {
                    return;
                }
                *last = Instant::now();
                let percent = (done * 100).checked_div(self.total_bytes).unwrap_or(100);
                tracing::info!(
                    "import : {} lignes lues ({} lignes/s), {percent} % du fichier",
                    thousands(progress.rows),
                    thousands(rate)
                );
            }
        }
    }

    /// Takes the bar off the terminal.
    pub fn finish(&self) {
        if let Mode::Bar(bar) = &self.mode {
            bar.finish_and_clear();
        }
    }
}
