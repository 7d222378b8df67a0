//! A minimal HTTP/1.1 GET, enough to check a local Vivier answers (the benchmark's readiness
//! wait, the end-to-end tests): one request per connection, no TLS, no redirects. Not a
//! general client; it saves the build a dependency on one.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use url::Url;

/// How long a probe may take before it is given up.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The answer to a probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Status code (200, 404…).
    pub status: u16,
    /// Header names in lower case, with their values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, decoded as UTF-8 (lossily), de-chunked.
    pub body: String,
}

impl Response {
    /// The first value of a header (`name` in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET url` over plain HTTP.
pub async fn get(url: &Url) -> io::Result<Response> {
    get_with(url, &[]).await
}

/// `GET url` over plain HTTP with these extra request headers (a session cookie…).
pub async fn get_with(url: &Url, headers: &[(&str, &str)]) -> io::Result<Response> {
    tokio::time::timeout(TIMEOUT, get_inner(url, headers))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, format!("GET {url}: délai dépassé")))?
}

async fn get_inner(url: &Url, headers: &[(&str, &str)]) -> io::Result<Response> {
    let invalid =
        |what: &str| io::Error::new(io::ErrorKind::InvalidInput, format!("{what}: {url}"));
    if url.scheme() != "http" {
        return Err(invalid("seul http:// est pris en charge"));
    }
    let host = url.host_str().ok_or_else(|| invalid("hôte absent"))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let mut target = url.path().to_owned();
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    let mut stream = TcpStream::connect((host.trim_matches(['[', ']']), port)).await?;
    let mut request = format!(
        "GET {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: vivier-probe\r\nAccept: */*\r\nConnection: close\r\n",
        url.authority()
    );
    for (name, value) in headers {
        if [name, value].iter().any(|s| s.contains(['\r', '\n'])) {
            return Err(invalid("en-tête sur plusieurs lignes"));
        }
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> io::Result<Response> {
    let malformed = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| malformed("réponse HTTP sans fin d'en-têtes"))?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| malformed("ligne de statut HTTP illisible"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        dechunk(body).ok_or_else(|| malformed("corps HTTP découpé illisible"))?
    } else {
        body.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reads_a_plain_response() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello";
        let response = parse_response(raw).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), Some("text/html"));
        assert_eq!(response.body, "hello");
    }

    #[test]
    fn reads_a_chunked_response() {
        let raw = b"HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n4\r\nWiki\r\n6\r\npedia \r\n0\r\n\r\n";
        let response = parse_response(raw).unwrap();
        assert_eq!(response.status, 404);
        assert_eq!(response.body, "Wikipedia ");
    }
}
