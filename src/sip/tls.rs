//! SIP over TLS (RFC 3261 §26) for the drivers: the rustls configurations made from the PEM
//! files of `--tls-cert`, `--tls-key` and `--tls-ca`, a handshake bounded by a deadline, and
//! [`TlsStream`], a TLS connection that a reader thread and a writer thread share as they share
//! a TCP socket.
//!
//! Both threads hold a handle on one rustls connection behind a mutex. The reader waits on the
//! socket without the lock, then takes it to decrypt what came; the writer takes it to encrypt
//! and send. The lock is never held while waiting for the peer to send, only while a write to
//! it is under way (bounded by the socket's write timeout).

use rustls::{ClientConfig, ClientConnection, Connection, RootCertStore, ServerConfig, ServerConnection};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use std::io::{self, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a TLS handshake may take, from the TCP connection to its end, either way: a client
/// that connects and never finishes holds its own connection (and thread) this long, nothing
/// more.
pub const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error(transparent)]
    Key(#[from] crate::keys::Error),
    #[error("{path}: {why}")]
    File { path: PathBuf, why: String },
    #[error("--tls-cert {cert} and --tls-key {key} do not go together: {why}")]
    Mismatch { cert: PathBuf, key: PathBuf, why: String },
}

fn file_error(path: &Path, why: impl std::fmt::Display) -> TlsError {
    TlsError::File { path: path.to_owned(), why: why.to_string() }
}

/// The certificates of a PEM file, at least one.
fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let text = std::fs::read(path).map_err(|e| file_error(path, e))?;
    let certs: Vec<_> =
        CertificateDer::pem_slice_iter(&text).collect::<Result<_, _>>().map_err(|e| file_error(path, e))?;
    if certs.is_empty() {
        return Err(file_error(path, "no CERTIFICATE in it (PEM expected)"));
    }
    Ok(certs)
}

/// The provider: aws-lc-rs, the one str0m brings for DTLS.
fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The server side (`--tls-cert`, `--tls-key`): the certificate chain, leaf first, and its
/// private key, refused when group or others may read it (as the project's other keys are).
/// Clients are not asked for certificates (Kamailio's default, `require_certificate = no`).
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, TlsError> {
    let chain = certificates(cert)?;
    let pem = crate::keys::read_private(key, "a TLS private key")?;
    let key_der = PrivateKeyDer::from_pem_slice(pem.as_bytes()).map_err(|e| file_error(key, e))?;
    let config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| file_error(cert, e))?
        .with_no_client_auth()
        .with_single_cert(chain, key_der)
        .map_err(|e| TlsError::Mismatch { cert: cert.to_owned(), key: key.to_owned(), why: e.to_string() })?;
    Ok(Arc::new(config))
}

/// The client side (`--tls-ca`): next hops must show a certificate chain to one of these
/// certificates, for the name (or IP address) they were reached by.
pub fn client_config(ca: &Path) -> Result<Arc<ClientConfig>, TlsError> {
    let mut roots = RootCertStore::empty();
    for c in certificates(ca)? {
        roots.add(c).map_err(|e| file_error(ca, e))?;
    }
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| file_error(ca, e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The name a next hop's certificate is checked against (and sent as SNI, RFC 6066, when it
/// is a DNS name): `host`, else its IP address.
pub fn server_name(host: Option<&str>, ip: IpAddr) -> ServerName<'static> {
    host.and_then(|h| ServerName::try_from(h.to_owned()).ok()).unwrap_or(ServerName::IpAddress(ip.into()))
}

/// Why a handshake failed, in words for a log line and an event's reason (one line).
pub(super) fn describe(e: &rustls::Error) -> String {
    use rustls::{CertificateError, Error};
    match e {
        Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            "TLS: the certificate is not vouched for by the CA file (unknown issuer)".into()
        }
        Error::InvalidCertificate(CertificateError::BadSignature) => {
            "TLS: the certificate's signature does not verify".into()
        }
        other => format!("TLS: {other}"),
    }
    .replace(['\r', '\n'], " ")
}

/// One TLS connection: a handle on the rustls state and the socket. [`TlsStream::try_clone`]
/// gives the other thread its handle.
pub struct TlsStream {
    conn: Arc<Mutex<Connection>>,
    socket: TcpStream,
    /// Bytes read from the socket that rustls has not taken yet (it takes a record at a time
    /// while its plaintext buffer is full).
    pending: Vec<u8>,
    at: usize,
}

impl TlsStream {
    /// Accepts a TLS connection on `socket` with `config`, within `timeout`.
    pub fn accept(socket: TcpStream, config: Arc<ServerConfig>, timeout: Duration) -> Result<TlsStream, String> {
        let conn = ServerConnection::new(config).map_err(|e| describe(&e))?;
        Self::handshake(socket, conn.into(), timeout)
    }

    /// Opens TLS on `socket` to a server that must prove it is `name`, within `timeout`.
    pub fn connect(
        socket: TcpStream,
        config: Arc<ClientConfig>,
        name: ServerName<'static>,
        timeout: Duration,
    ) -> Result<TlsStream, String> {
        let conn = ClientConnection::new(config, name).map_err(|e| describe(&e))?;
        Self::handshake(socket, conn.into(), timeout)
    }

    fn handshake(socket: TcpStream, mut conn: Connection, timeout: Duration) -> Result<TlsStream, String> {
        let deadline = Instant::now() + timeout;
        let left = || {
            deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or_else(|| format!("TLS: handshake not finished within {} s", timeout.as_secs()))
        };
        let io_error = |e: io::Error| match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                format!("TLS: handshake not finished within {} s", timeout.as_secs())
            }
            _ => format!("TLS: handshake: {e}"),
        };
        while conn.is_handshaking() {
            while conn.wants_write() {
                socket.set_write_timeout(Some(left()?)).map_err(io_error)?;
                conn.write_tls(&mut &socket).map_err(io_error)?;
            }
            if !conn.is_handshaking() {
                break;
            }
            socket.set_read_timeout(Some(left()?)).map_err(io_error)?;
            match conn.read_tls(&mut &socket) {
                Ok(0) => return Err("TLS: the peer closed the connection during the handshake".into()),
                Ok(_) => {}
                Err(e) => return Err(io_error(e)),
            }
            if let Err(e) = conn.process_new_packets() {
                // Tell the peer why (the alert rustls queued), then give up.
                let _ = conn.write_tls(&mut &socket);
                return Err(describe(&e));
            }
        }
        // The last flight (and TLS 1.3 session tickets) go out before the writer takes over.
        while conn.wants_write() {
            socket.set_write_timeout(Some(left()?)).map_err(io_error)?;
            conn.write_tls(&mut &socket).map_err(io_error)?;
        }
        Ok(TlsStream { conn: Arc::new(Mutex::new(conn)), socket, pending: Vec::new(), at: 0 })
    }

    /// Another handle on the same connection, for the other thread.
    pub fn try_clone(&self) -> io::Result<TlsStream> {
        Ok(TlsStream { conn: self.conn.clone(), socket: self.socket.try_clone()?, pending: Vec::new(), at: 0 })
    }

    /// Tells the peer the connection ends (a `close_notify` alert), as far as the socket takes
    /// it without waiting past its write timeout; the TCP shutdown is the caller's.
    pub fn close_notify(&mut self) {
        let mut conn = lock(&self.conn);
        conn.send_close_notify();
        let _ = flush_tls(&mut conn, &self.socket);
    }

    /// The TCP socket underneath: its timeouts, and shutdown.
    pub fn socket(&self) -> &TcpStream {
        &self.socket
    }
}

fn lock(conn: &Mutex<Connection>) -> std::sync::MutexGuard<'_, Connection> {
    conn.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sends what rustls has to send (records, alerts, key updates).
fn flush_tls(conn: &mut Connection, socket: &TcpStream) -> io::Result<()> {
    while conn.wants_write() {
        conn.write_tls(&mut &*socket)?;
    }
    Ok(())
}

impl Read for TlsStream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            {
                let mut conn = lock(&self.conn);
                match conn.reader().read(out) {
                    Ok(n) => return Ok(n),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => return Err(e),
                }
                if self.at < self.pending.len() {
                    let mut rest = &self.pending[self.at..];
                    let before = rest.len();
                    conn.read_tls(&mut rest)?;
                    self.at += before - rest.len();
                    if let Err(e) = conn.process_new_packets() {
                        let _ = flush_tls(&mut conn, &self.socket);
                        return Err(io::Error::new(io::ErrorKind::InvalidData, describe(&e)));
                    }
                    flush_tls(&mut conn, &self.socket)?;
                    continue;
                }
            }
            // Wait for the peer without the lock: the writer may send meanwhile.
            self.pending.resize(16 * 1024 + 256, 0);
            let n = (&self.socket).read(&mut self.pending)?;
            self.pending.truncate(n);
            self.at = 0;
            if n == 0 {
                // The TCP connection ended without close_notify: the end, all the same (SIP's
                // framing, not TLS's, says whether a message was cut short).
                return Ok(0);
            }
        }
    }
}

impl Write for TlsStream {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut conn = lock(&self.conn);
        let n = conn.writer().write(bytes)?;
        flush_tls(&mut conn, &self.socket)?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut conn = lock(&self.conn);
        flush_tls(&mut conn, &self.socket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names_are_dns_names_or_the_ip_address() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(server_name(Some("sip.example.org"), ip), ServerName::try_from("sip.example.org").unwrap());
        assert_eq!(server_name(None, ip), ServerName::IpAddress(ip.into()));
        assert_eq!(server_name(Some("not a name!"), ip), ServerName::IpAddress(ip.into()));
    }

    #[test]
    fn unknown_issuers_are_named_as_such() {
        let e = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        assert!(describe(&e).contains("not vouched for by the CA file"), "{}", describe(&e));
    }
}
