//! Running wrk and reading its report.

use std::path::PathBuf;
use std::time::Duration;

use super::BenchError;

/// The figures of one wrk run.
#[derive(Debug, Clone, PartialEq)]
pub struct WrkRun {
    /// Requests completed.
    pub requests: u64,
    /// Requests per second, as wrk prints it.
    pub requests_per_sec: f64,
    /// Median latency.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
    /// Responses whose status was not 2xx or 3xx.
    pub non_2xx: u64,
    /// Connect, read, write and timeout errors, added up.
    pub socket_errors: u64,
}

/// Where `wrk` is on the `PATH`, or [`BenchError::WrkMissing`].
pub fn locate() -> Result<PathBuf, BenchError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("wrk"))
        .find(|candidate| candidate.is_file())
        .ok_or(BenchError::WrkMissing)
}

/// Runs `wrk -t<threads> -c<connections> -d<secs>s --latency [-s script] url` and reads its
/// report.
pub async fn run(
    wrk: &std::path::Path,
    url: &str,
    script: Option<&std::path::Path>,
    threads: u32,
    connections: u32,
    secs: u64,
) -> Result<WrkRun, BenchError> {
    let mut command = tokio::process::Command::new(wrk);
    command
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{secs}s"))
        .arg("--latency");
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let output = command
        .arg(url)
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|e| BenchError::Io("lancement de wrk".to_owned(), e))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(BenchError::WrkFailed {
            url: url.to_owned(),
            output: format!("{stdout}{}", String::from_utf8_lossy(&output.stderr)),
        });
    }
    parse(&stdout).ok_or_else(|| BenchError::WrkOutput {
        url: url.to_owned(),
        output: stdout.into_owned(),
    })
}

/// A wrk Lua script that requests `paths` in turn (each wrk thread goes through them all).
/// Paths must be URL-encoded already (they go into Lua strings as they are).
pub fn rotation_script(paths: &[String]) -> String {
    let mut script = String::from("local paths = {\n");
    for path in paths {
        // Encoded paths hold no quote nor backslash; escape anyway, to stay valid Lua.
        script.push_str(&format!(
            "  \"{}\",\n",
            path.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    script.push_str(
        "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  \
         return wrk.format(nil, paths[i])\nend\n",
    );
    script
}

/// A wrk Lua script that sends header `name: value` with every request (a session cookie).
pub fn header_script(name: &str, value: &str) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    format!("wrk.headers[\"{}\"] = \"{}\"\n", quote(name), quote(value))
}

/// Reads wrk's report (with `--latency`); `None` when a figure is missing.
pub fn parse(output: &str) -> Option<WrkRun> {
    let mut requests = None;
    let mut requests_per_sec = None;
    let mut p50 = None;
    let mut p99 = None;
    let mut non_2xx = 0;
    let mut socket_errors = 0;
    let mut in_distribution = false;
    for line in output.lines().map(str::trim) {
        if line.starts_with("Latency Distribution") {
            in_distribution = true;
            continue;
        }
        if in_distribution {
            match line.split_whitespace().collect::<Vec<_>>().as_slice() {
                ["50%", value] => p50 = parse_duration(value),
                ["99%", value] => p99 = parse_duration(value),
                [percent, _] if percent.ends_with('%') => {}
                _ => in_distribution = false,
            }
        }
        if let Some(rest) = line.strip_prefix("Requests/sec:") {
            requests_per_sec = rest.trim().parse().ok();
        } else if let Some(rest) = line.strip_prefix("Non-2xx or 3xx responses:") {
            non_2xx = rest.trim().parse().ok()?;
        } else if let Some(rest) = line.strip_prefix("Socket errors:") {
            // "connect 0, read 0, write 0, timeout 0"
            socket_errors = rest
                .split(',')
                .filter_map(|part| part.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum();
        } else if line.contains(" requests in ") {
            requests = line.split_whitespace().next().and_then(|n| n.parse().ok());
        }
    }
    Some(WrkRun {
        requests: requests?,
        requests_per_sec: requests_per_sec?,
        p50: p50?,
        p99: p99?,
        non_2xx,
        socket_errors,
    })
}

/// wrk's durations: `812.00us`, `1.25ms`, `2.00s`, `1.00m`, `1.00h`.
fn parse_duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let seconds = match unit {
        "us" => number / 1e6,
        "ms" => number / 1e3,
        "s" => number,
        "m" => number * 60.0,
        "h" => number * 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const REPORT: &str = "\
Running 10s test @ http://127.0.0.1:41234/healthz
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   315.22us  120.01us   5.10ms   91.00%
    Req/Sec    98.12k     3.01k  101.00k    80.00%
  Latency Distribution
     50%  290.00us
     75%  340.00us
     90%  410.00us
     99%    1.02ms
  976543 requests in 10.00s, 120.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:  97654.30
Transfer/sec:     12.00MB
";

    #[test]
    fn reads_throughput_and_latencies() {
        let run = parse(REPORT).unwrap();
        assert_eq!(run.requests, 976_543);
        assert!((run.requests_per_sec - 97_654.30).abs() < 1e-6);
        assert_eq!(run.p50, Duration::from_micros(290));
        assert_eq!(run.p99, Duration::from_micros(1020));
        assert_eq!(run.non_2xx, 5);
        assert_eq!(run.socket_errors, 3);
    }

    #[test]
    fn the_rotation_script_lists_every_path() {
        let script = rotation_script(&["/a?q=x".to_owned(), "/b?q=%22y%22".to_owned()]);
        assert!(
            script.contains("  \"/a?q=x\",\n  \"/b?q=%22y%22\",\n}"),
            "{script}"
        );
        assert!(script.contains("wrk.format(nil, paths[i])"), "{script}");
    }

    #[test]
    fn a_report_without_latencies_is_refused() {
        assert_eq!(parse("Requests/sec: 12.0\n"), None);
    }

    #[test]
    fn durations_in_every_unit() {
        assert_eq!(parse_duration("2.00s"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.00m"), Some(Duration::from_secs(60)));
        assert_eq!(
            parse_duration("12.5ms"),
            Some(Duration::from_micros(12_500))
        );
        assert_eq!(parse_duration("12"), None);
    }
}
