//! SIP messages (RFC 3261 §7): a lenient, allocation-light parser and a serialiser. Pure: bytes in,
//! values out; no sockets, no clock.
//!
//! Accepted, as RFC 3261 §7.3 and RFC 4475 require of a proxy: compact header names (`v`, `i`,
//! `m`, ...), folded header lines, any header-name case, unknown methods and headers, `tel:` and
//! IPv6 URIs, leading CRLFs (keep-alives), and `Content-Length` framing (a datagram longer than the
//! length is cut to it; a shorter one is an error). Header values are kept as received and
//! interpreted lazily, like Kamailio: a proxy only needs a few.

use std::fmt;

/// Largest message accepted (bytes); larger ones are refused without further parsing.
pub const MAX_MESSAGE: usize = 64 * 1024;
/// Most header lines accepted.
pub const MAX_HEADERS: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    #[error("empty message")]
    Empty,
    #[error("message larger than {MAX_MESSAGE} bytes")]
    TooLarge,
    #[error("no blank line ends the headers")]
    Unterminated,
    #[error("headers are not UTF-8")]
    NotUtf8,
    #[error("bad start line: {0}")]
    StartLine(String),
    #[error("header line {line}: {reason}")]
    Header { line: usize, reason: String },
    #[error("more than {MAX_HEADERS} headers")]
    TooManyHeaders,
    #[error("bad Content-Length `{0}`")]
    ContentLength(String),
    #[error("body is {got} bytes but Content-Length says {expected}")]
    Truncated { expected: usize, got: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    Request { method: String, uri: String },
    Response { code: u16, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Long form, in the usual case for known headers (`i` and `call-id` both become `Call-ID`).
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipMessage {
    pub start: StartLine,
    pub headers: Vec<Header>,
    pub body: Vec<u8>,
}

const COMPACT: &[(&str, &str)] = &[
    ("a", "Accept-Contact"),
    ("b", "Referred-By"),
    ("c", "Content-Type"),
    ("d", "Request-Disposition"),
    ("e", "Content-Encoding"),
    ("f", "From"),
    ("i", "Call-ID"),
    ("j", "Reject-Contact"),
    ("k", "Supported"),
    ("l", "Content-Length"),
    ("m", "Contact"),
    ("n", "Identity-Info"),
    ("o", "Event"),
    ("r", "Refer-To"),
    ("s", "Subject"),
    ("t", "To"),
    ("u", "Allow-Events"),
    ("v", "Via"),
    ("x", "Session-Expires"),
    ("y", "Identity"),
];

const KNOWN: &[&str] = &[
    "Accept",
    "Allow",
    "Authorization",
    "Call-ID",
    "Contact",
    "Content-Length",
    "Content-Type",
    "CSeq",
    "Expires",
    "From",
    "Max-Forwards",
    "Proxy-Authenticate",
    "Proxy-Authorization",
    "Proxy-Require",
    "Reason",
    "Record-Route",
    "Require",
    "Route",
    "Server",
    "Subject",
    "Supported",
    "Timestamp",
    "To",
    "Unsupported",
    "User-Agent",
    "Via",
    "Warning",
    "WWW-Authenticate",
    "X-IF-Trace-ID",
    "X-IF-Hazard",
    "X-IF-Signature",
];

/// The canonical long name of a header name as written (compact forms expanded).
pub fn canonical_name(name: &str) -> String {
    if name.len() == 1 {
        if let Some((_, long)) = COMPACT.iter().find(|(c, _)| c.eq_ignore_ascii_case(name)) {
            return (*long).to_owned();
        }
    }
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(name)).map_or_else(|| name.to_owned(), |k| (*k).to_owned())
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where the headers end: (end of header block, start of body).
fn header_end(buf: &[u8]) -> Option<(usize, usize)> {
    match (find(buf, b"\r\n\r\n"), find(buf, b"\n\n")) {
        (Some(a), Some(b)) if b + 1 < a => Some((b, b + 2)),
        (Some(a), _) => Some((a, a + 4)),
        (None, Some(b)) => Some((b, b + 2)),
        (None, None) => None,
    }
}

fn skip_keepalives(buf: &[u8]) -> usize {
    buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count()
}

/// How much of a stream holds its first message: what [`frame_size`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameSize {
    /// The first message (and any CRLF keep-alives before it) is this many bytes, all there.
    Whole(usize),
    /// Its header block has not ended yet.
    HeadIncomplete,
    /// Its head is there; the whole message will be this many bytes (keep-alives included).
    Needs(usize),
}

/// For stream transports: the length of the first complete message in `buf` (including any
/// leading CRLF keep-alives), `None` if more bytes are needed.
pub fn frame(buf: &[u8]) -> Result<Option<usize>, ParseError> {
    Ok(match frame_size(buf)? {
        FrameSize::Whole(n) => Some(n),
        FrameSize::HeadIncomplete | FrameSize::Needs(_) => None,
    })
}

/// [`frame`], saying for an incomplete message how long it will be once its head is there,
/// so that a reader of a stream need not parse the head again for every piece of the body.
pub fn frame_size(buf: &[u8]) -> Result<FrameSize, ParseError> {
    let skip = skip_keepalives(buf);
    let rest = &buf[skip..];
    let Some((head_end, body_start)) = header_end(rest) else {
        return if rest.len() > MAX_MESSAGE { Err(ParseError::TooLarge) } else { Ok(FrameSize::HeadIncomplete) };
    };
    let head = std::str::from_utf8(&rest[..head_end]).map_err(|_| ParseError::NotUtf8)?;
    let (_, headers) = parse_head(head)?;
    // On a stream the length is mandatory (RFC 3261 §18.3); absent means no body.
    let len = content_length(&headers)?.unwrap_or(0);
    let total = body_start + len;
    if total > MAX_MESSAGE {
        return Err(ParseError::TooLarge);
    }
    Ok(if rest.len() >= total { FrameSize::Whole(skip + total) } else { FrameSize::Needs(skip + total) })
}

/// Parses one whole message (a datagram, or a frame from `frame`).
pub fn parse(buf: &[u8]) -> Result<SipMessage, ParseError> {
    if buf.len() > MAX_MESSAGE {
        return Err(ParseError::TooLarge);
    }
    let buf = &buf[skip_keepalives(buf)..];
    if buf.is_empty() {
        return Err(ParseError::Empty);
    }
    let (head_end, body_start) = header_end(buf).ok_or(ParseError::Unterminated)?;
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| ParseError::NotUtf8)?;
    let (start, headers) = parse_head(head)?;
    let available = &buf[body_start..];
    let body = match content_length(&headers)? {
        Some(len) if len > available.len() => {
            return Err(ParseError::Truncated { expected: len, got: available.len() })
        }
        Some(len) => available[..len].to_vec(),
        None => available.to_vec(),
    };
    Ok(SipMessage { start, headers, body })
}

fn content_length(headers: &[Header]) -> Result<Option<usize>, ParseError> {
    let mut found: Option<usize> = None;
    for h in headers.iter().filter(|h| h.name == "Content-Length") {
        let v = h.value.trim();
        let n = v.parse::<usize>().map_err(|_| ParseError::ContentLength(v.to_owned()))?;
        if found.is_some_and(|f| f != n) {
            return Err(ParseError::ContentLength(format!("{v} (conflicts with an earlier Content-Length)")));
        }
        found = Some(n);
    }
    Ok(found)
}

fn parse_head(head: &str) -> Result<(StartLine, Vec<Header>), ParseError> {
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next().unwrap_or("");
    let start = parse_start(first)?;
    let mut headers: Vec<Header> = Vec::new();
    for (i, line) in lines.enumerate() {
        let n = i + 2;
        if line.starts_with([' ', '\t']) {
            // Folded continuation (RFC 3261 §7.3.1): joins the previous value with one space.
            let prev = headers
                .last_mut()
                .ok_or(ParseError::Header { line: n, reason: "continuation before any header".into() })?;
            prev.value.push(' ');
            prev.value.push_str(line.trim());
            continue;
        }
        let (name, value) =
            line.split_once(':').ok_or_else(|| ParseError::Header { line: n, reason: "no `:`".into() })?;
        let name = name.trim_end();
        if !is_token(name) {
            return Err(ParseError::Header { line: n, reason: format!("bad header name `{}`", name.escape_debug()) });
        }
        if headers.len() == MAX_HEADERS {
            return Err(ParseError::TooManyHeaders);
        }
        headers.push(Header { name: canonical_name(name), value: value.trim().to_owned() });
    }
    Ok((start, headers))
}

fn parse_start(line: &str) -> Result<StartLine, ParseError> {
    let bad = |why: &str| {
        ParseError::StartLine(format!("{why}: `{}`", line.chars().take(80).collect::<String>().escape_debug()))
    };
    if let Some(rest) = line.strip_prefix("SIP/2.0 ") {
        let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
        let code: u16 = code.parse().ok().filter(|c| (100..700).contains(c)).ok_or_else(|| bad("bad status code"))?;
        return Ok(StartLine::Response { code, reason: reason.to_owned() });
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(uri), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("expected METHOD URI SIP/2.0"));
    };
    if !is_token(method) {
        return Err(bad("bad method"));
    }
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        return Err(bad("unsupported version"));
    }
    if uri.is_empty() || !uri.contains(':') {
        return Err(bad("bad Request-URI"));
    }
    Ok(StartLine::Request { method: method.to_owned(), uri: uri.to_owned() })
}

/// Splits a header value at commas that separate values (not inside quotes or `<...>`).
pub fn split_values(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut angle, mut escaped, mut start) = (false, false, false, 0);
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                out.push(value[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(value[start..].trim());
    out.retain(|v| !v.is_empty());
    out
}

impl SipMessage {
    pub fn is_request(&self) -> bool {
        matches!(self.start, StartLine::Request { .. })
    }

    pub fn method(&self) -> Option<&str> {
        match &self.start {
            StartLine::Request { method, .. } => Some(method),
            StartLine::Response { .. } => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match &self.start {
            StartLine::Response { code, .. } => Some(*code),
            StartLine::Request { .. } => None,
        }
    }

    pub fn uri(&self) -> Option<&str> {
        match &self.start {
            StartLine::Request { uri, .. } => Some(uri),
            StartLine::Response { .. } => None,
        }
    }

    /// First value of header `name` (any case or compact form).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = canonical_name(name);
        self.headers.iter().find(|h| h.name.eq_ignore_ascii_case(&name)).map(|h| h.value.as_str())
    }

    /// All values of a list header (`Via`, `Route`, ...), across repeated lines and commas.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        let name = canonical_name(name);
        self.headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(&name))
            .flat_map(|h| split_values(&h.value))
            .collect()
    }

    pub fn call_id(&self) -> Option<&str> {
        self.header("Call-ID")
    }

    /// `(number, method)` of the CSeq header.
    pub fn cseq(&self) -> Option<(u32, &str)> {
        let v = self.header("CSeq")?;
        let (n, m) = v.split_once(char::is_whitespace)?;
        Some((n.parse().ok()?, m.trim()))
    }

    pub fn top_via(&self) -> Option<Via<'_>> {
        self.header_values("Via").first().and_then(|v| Via::parse(v))
    }

    /// Removes the first value of header `name`, keeping other values on the same line.
    pub fn remove_first_value(&mut self, name: &str) -> Option<String> {
        let name = canonical_name(name);
        let i = self.headers.iter().position(|h| h.name == name)?;
        let values: Vec<String> = split_values(&self.headers[i].value).into_iter().map(str::to_owned).collect();
        let first = values.first().cloned();
        if values.len() <= 1 {
            self.headers.remove(i);
        } else {
            self.headers[i].value = values[1..].join(", ");
        }
        first
    }

    /// Inserts a header line before all others of the same name (or first, if none).
    pub fn push_front(&mut self, name: &str, value: String) {
        let i = self.headers.iter().position(|h| h.name == name).unwrap_or(0);
        self.headers.insert(i, Header { name: name.to_owned(), value });
    }

    pub fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|h| h.name != name);
        self.headers.push(Header { name: name.to_owned(), value });
    }

    /// A response to this request carrying its Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6).
    pub fn reply(&self, code: u16, reason: &str) -> SipMessage {
        let headers = self
            .headers
            .iter()
            .filter(|h| matches!(h.name.as_str(), "Via" | "From" | "To" | "Call-ID" | "CSeq"))
            .cloned()
            .collect();
        SipMessage { start: StartLine::Response { code, reason: reason.into() }, headers, body: Vec::new() }
    }

    /// A hop-by-hop companion of this INVITE (CANCEL, §9.1, or the ACK of a non-2xx final,
    /// §17.1.1.3): same Request-URI, top Via, From, Call-ID, Route and CSeq number, with `to` as
    /// the To header.
    pub fn hop_by_hop(&self, method: &str, to: &str) -> SipMessage {
        let mut m = SipMessage {
            start: StartLine::Request { method: method.into(), uri: self.uri().unwrap_or("").into() },
            headers: Vec::new(),
            body: Vec::new(),
        };
        if let Some(v) = self.header_values("Via").first() {
            m.headers.push(Header { name: "Via".into(), value: (*v).to_owned() });
        }
        for name in ["From", "Call-ID", "Route"] {
            m.headers.extend(self.headers.iter().filter(|h| h.name == name).cloned());
        }
        m.headers.push(Header { name: "To".into(), value: to.to_owned() });
        m.headers.push(Header { name: "Max-Forwards".into(), value: "70".into() });
        let n = self.cseq().map(|c| c.0).unwrap_or(1);
        m.headers.push(Header { name: "CSeq".into(), value: format!("{n} {method}") });
        m
    }

    /// Wire form, with a correct Content-Length.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(512 + self.body.len());
        match &self.start {
            StartLine::Request { method, uri } => {
                out.extend_from_slice(format!("{method} {uri} SIP/2.0\r\n").as_bytes())
            }
            StartLine::Response { code, reason } => {
                out.extend_from_slice(format!("SIP/2.0 {code} {reason}\r\n").as_bytes())
            }
        }
        for h in self.headers.iter().filter(|h| h.name != "Content-Length") {
            out.extend_from_slice(format!("{}: {}\r\n", h.name, h.value).as_bytes());
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", self.body.len()).as_bytes());
        out.extend_from_slice(&self.body);
        out
    }
}

impl fmt::Display for SipMessage {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.to_bytes()))
    }
}

/// One Via value: `SIP/2.0/UDP host:port;branch=...;rport`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via<'a> {
    pub transport: &'a str,
    pub host: &'a str,
    pub port: Option<u16>,
    pub params: Vec<(&'a str, Option<&'a str>)>,
}

impl<'a> Via<'a> {
    pub fn parse(v: &'a str) -> Option<Self> {
        let (proto, rest) = v.split_once(char::is_whitespace)?;
        let mut p = proto.split('/');
        let (name, version, transport) = (p.next()?, p.next()?, p.next()?);
        if !name.trim().eq_ignore_ascii_case("SIP") || version.trim() != "2.0" {
            return None;
        }
        let mut parts = rest.trim().split(';');
        let (host, port) = split_host_port(parts.next()?.trim())?;
        let params = parts.map(|p| p.trim()).filter(|p| !p.is_empty()).map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (p, None),
        });
        Some(Via { transport: transport.trim(), host, port, params: params.collect() })
    }

    pub fn param(&self, name: &str) -> Option<Option<&'a str>> {
        self.params.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    pub fn branch(&self) -> Option<&'a str> {
        self.param("branch").flatten()
    }
}

/// `host`, `host:port`, `[v6]`, `[v6]:port`.
pub fn split_host_port(s: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((host, port));
    }
    match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => Some((h, Some(p.parse().ok()?))),
        Some(_) => None,
        None if !s.is_empty() => Some((s, None)),
        None => None,
    }
}

/// A `sip:`, `sips:` or `tel:` URI, as much of it as routing needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uri<'a> {
    pub scheme: &'a str,
    pub user: Option<&'a str>,
    /// Empty for `tel:`.
    pub host: &'a str,
    pub port: Option<u16>,
    pub params: Vec<(&'a str, Option<&'a str>)>,
}

impl<'a> Uri<'a> {
    /// Parses a URI, or the URI inside a name-addr (`"Bob" <sip:bob@host>;tag=x`).
    pub fn parse(text: &'a str) -> Option<Self> {
        let t = text.trim();
        let t = match (t.find('<'), t.find('>')) {
            (Some(a), Some(b)) if a < b => &t[a + 1..b],
            _ => t,
        };
        let (scheme, rest) = t.split_once(':')?;
        let scheme_l = scheme.to_ascii_lowercase();
        if scheme_l == "tel" {
            let mut parts = rest.split(';');
            let number = parts.next()?;
            let params = parts.map(|p| p.split_once('=').map_or((p, None), |(k, v)| (k, Some(v)))).collect();
            return Some(Uri { scheme, user: Some(number), host: "", port: None, params });
        }
        if scheme_l != "sip" && scheme_l != "sips" {
            return None;
        }
        let rest = rest.split('?').next()?;
        let mut parts = rest.split(';');
        let userhost = parts.next()?;
        let (user, hostport) = match userhost.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, userhost),
        };
        let (host, port) = split_host_port(hostport)?;
        let params = parts
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').map_or((p, None), |(k, v)| (k, Some(v))))
            .collect();
        Some(Uri { scheme, user, host, port, params })
    }

    pub fn has_param(&self, name: &str) -> bool {
        self.params.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    }
}

/// The `tag` parameter of a From/To value.
pub fn tag(value: &str) -> Option<&str> {
    let after = match value.rfind('>') {
        Some(i) => &value[i + 1..],
        None => value,
    };
    after.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("tag").then_some(v.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
        Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
        Max-Forwards: 70\r\n\
        To: Bob <sip:bob@biloxi.example.com>\r\n\
        From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
        Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
        CSeq: 314159 INVITE\r\n\
        Contact: <sip:alice@pc33.atlanta.example.com>\r\n\
        Content-Type: application/sdp\r\n\
        Content-Length: 4\r\n\r\nv=0\nEXTRA";

    #[test]
    fn parses_rfc3261_invite_and_cuts_to_content_length() {
        let m = parse(INVITE.as_bytes()).unwrap();
        assert_eq!(m.method(), Some("INVITE"));
        assert_eq!(m.cseq(), Some((314159, "INVITE")));
        assert_eq!(m.body, b"v=0\n");
        let via = m.top_via().unwrap();
        assert_eq!(
            (via.transport, via.host, via.port, via.branch()),
            ("UDP", "pc33.atlanta.example.com", None, Some("z9hG4bK776asdhds"))
        );
        assert_eq!(tag(m.header("from").unwrap()), Some("1928301774"));
        assert_eq!(tag(m.header("To").unwrap()), None);
        let again = parse(&m.to_bytes()).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn rfc4475_style_leniency() {
        // Compact forms, folding, odd case, unknown method, IPv6 and tel: URIs, no body length.
        let text = "\r\nNEWMETHOD tel:+1-201-555-0123;phone-context=x SIP/2.0\r\n\
            v:  SIP/2.0/TCP [2001:db8::9:1]:5070\r\n   ;branch=z9hG4bKkdjuw\r\n\
            i: 7Xyz@[2001:db8::9]\r\n\
            cSeQ: 8   NEWMETHOD\r\n\
            m: <sip:user@[2001:db8::10]:5060>, \"A, B\" <sip:ab@host>\r\n\
            X-Unknown : yes\r\n\r\n";
        let m = parse(text.as_bytes()).unwrap();
        assert_eq!(m.method(), Some("NEWMETHOD"));
        let via = m.top_via().unwrap();
        assert_eq!(
            (via.transport, via.host, via.port, via.branch()),
            ("TCP", "2001:db8::9:1", Some(5070), Some("z9hG4bKkdjuw"))
        );
        assert_eq!(m.call_id(), Some("7Xyz@[2001:db8::9]"));
        assert_eq!(m.cseq(), Some((8, "NEWMETHOD")));
        let contacts = m.header_values("Contact");
        assert_eq!(contacts, vec!["<sip:user@[2001:db8::10]:5060>", "\"A, B\" <sip:ab@host>"]);
        let u = Uri::parse(contacts[0]).unwrap();
        assert_eq!((u.user, u.host, u.port), (Some("user"), "2001:db8::10", Some(5060)));
        let tel = Uri::parse(m.uri().unwrap()).unwrap();
        assert_eq!((tel.scheme, tel.user), ("tel", Some("+1-201-555-0123")));
        assert_eq!(m.header("x-unknown"), Some("yes"));
    }

    #[test]
    fn framing_on_streams() {
        let one = INVITE.replace("EXTRA", "");
        let two = format!("\r\n\r\n{one}{one}");
        let n = frame(two.as_bytes()).unwrap().unwrap();
        assert_eq!(n, 4 + one.len());
        assert_eq!(frame(&two.as_bytes()[..n - 1]).unwrap(), None);
        assert_eq!(
            frame(b"INVITE sip:a@b SIP/2.0\r\nContent-Length: x\r\n\r\n"),
            Err(ParseError::ContentLength("x".into()))
        );
    }

    #[test]
    fn refuses_what_cannot_be_trusted() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty"),
            (b"INVITE sip:a@b SIP/2.0\r\nVia: x\r\n", "no blank line"),
            (b"INVITE sip:a@b SIP/3.0\r\n\r\n", "unsupported version"),
            (b"SIP/2.0 99 Odd\r\n\r\n", "bad status code"),
            (
                b"INVITE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nshort",
                "body is 5 bytes but Content-Length says 10",
            ),
            (b"INVITE sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nxx", "conflicts"),
            (b"INVITE sip:a@b SIP/2.0\r\nBad Header: x\r\n\r\n", "bad header name"),
            (b"INVITE sip:a@b SIP/2.0\r\n folded-first\r\n\r\n", "continuation before any header"),
            (b"INVITE sip:a@b SIP/2.0\r\nSubject: \xff\r\n\r\n", "not UTF-8"),
        ];
        for (input, want) in cases {
            let err = parse(input).unwrap_err().to_string();
            assert!(err.contains(want), "{:?}: {err}", String::from_utf8_lossy(input));
        }
        assert_eq!(parse(&vec![b'x'; MAX_MESSAGE + 1]), Err(ParseError::TooLarge));
    }

    #[test]
    fn removing_and_adding_list_values() {
        let mut m =
            parse(b"BYE sip:a@b SIP/2.0\r\nRoute: <sip:p1;lr>, <sip:p2;lr>\r\nRoute: <sip:p3>\r\n\r\n").unwrap();
        assert_eq!(m.remove_first_value("Route").as_deref(), Some("<sip:p1;lr>"));
        assert_eq!(m.header_values("Route"), vec!["<sip:p2;lr>", "<sip:p3>"]);
        m.push_front("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx".into());
        assert_eq!(m.top_via().unwrap().branch(), Some("z9hG4bKx"));
    }
}
