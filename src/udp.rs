//! UDP sockets for servers, shared by every protocol's driver: bound with a receive buffer
//! large enough for a burst. Linux's default (about 200 KiB) holds some 90 datagrams of a kilobyte:
//! a burst of ARQs from a council, or of INVITEs, beyond it is dropped by the kernel before the
//! server sees it, each costing its sender a retransmission seconds later.

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// The receive buffer asked for; the kernel caps it at `net.core.rmem_max`.
pub const RECEIVE_BUFFER: usize = 4 << 20;

/// Binds `listen` (port 0: the OS picks one) with a [`RECEIVE_BUFFER`] as large as the kernel
/// allows.
pub fn bind(listen: SocketAddr) -> io::Result<UdpSocket> {
    let socket =
        socket2::Socket::new(socket2::Domain::for_address(listen), socket2::Type::DGRAM, Some(socket2::Protocol::UDP))?;
    if let Err(e) = socket.set_recv_buffer_size(RECEIVE_BUFFER) {
        tracing::warn!("receive buffer of {RECEIVE_BUFFER} bytes refused: {e}");
    }
    socket.bind(&listen.into())?;
    Ok(socket.into())
}

/// Datagrams taken from a socket many at a time, into buffers kept from one call to the next:
/// one system call (`recvmmsg`) where one a datagram would cost a server under load more than
/// its work on some of them.
pub struct Receiver {
    buffers: Vec<Vec<u8>>,
    datagrams: Vec<(SocketAddr, usize)>,
}

impl Receiver {
    /// Room for `batch` datagrams of up to `max_datagram` bytes each.
    pub fn new(batch: usize, max_datagram: usize) -> Self {
        Receiver { buffers: vec![vec![0; max_datagram]; batch.max(1)], datagrams: Vec::with_capacity(batch) }
    }

    /// Waits for a datagram as long as the socket's read timeout, then takes every one that
    /// has arrived, up to the batch; none when the wait ended first. A pending ICMP error for an
    /// earlier send (port unreachable) is not the socket's failure: it reads as none.
    pub fn receive(&mut self, socket: &UdpSocket) -> io::Result<&[(SocketAddr, usize)]> {
        self.datagrams.clear();
        match self.receive_many(socket) {
            Ok(()) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                        | io::ErrorKind::ConnectionRefused
                ) => {}
            Err(e) => return Err(e),
        }
        Ok(&self.datagrams)
    }

    /// [`receive`](Self::receive), waiting at most `wait` instead of the socket's read timeout,
    /// and returning early, with none, when `wake` is woken ([`Wake::wake`]).
    pub fn receive_or_wake(
        &mut self,
        socket: &UdpSocket,
        wake: &Wake,
        wait: std::time::Duration,
    ) -> io::Result<&[(SocketAddr, usize)]> {
        self.datagrams.clear();
        if wake.wait_with(socket, wait)? {
            return self.receive(socket);
        }
        Ok(&self.datagrams)
    }

    /// The senders and lengths of the last [`receive`](Self::receive)'s datagrams.
    pub fn datagrams(&self) -> &[(SocketAddr, usize)] {
        &self.datagrams
    }

    /// The bytes of the `i`-th datagram of the last [`receive`](Self::receive).
    pub fn bytes(&self, i: usize) -> &[u8] {
        &self.buffers[i][..self.datagrams[i].1]
    }

    #[cfg(target_os = "linux")]
    fn receive_many(&mut self, socket: &UdpSocket) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        let n = self.buffers.len();
        // SAFETY: all-zero is a valid sockaddr_storage and mmsghdr; every pointer below is into
        // `self.buffers`, `iovecs` or `names`, which outlive the call and are not moved during it.
        let mut names: Vec<libc::sockaddr_storage> = vec![unsafe { std::mem::zeroed() }; n];
        let mut iovecs: Vec<libc::iovec> = self
            .buffers
            .iter_mut()
            .map(|b| libc::iovec { iov_base: b.as_mut_ptr().cast(), iov_len: b.len() })
            .collect();
        let mut headers: Vec<libc::mmsghdr> = vec![unsafe { std::mem::zeroed() }; n];
        for ((h, iov), name) in headers.iter_mut().zip(iovecs.iter_mut()).zip(names.iter_mut()) {
            h.msg_hdr.msg_name = (name as *mut libc::sockaddr_storage).cast();
            h.msg_hdr.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            h.msg_hdr.msg_iov = iov;
            h.msg_hdr.msg_iovlen = 1;
        }
        // MSG_WAITFORONE: block (up to SO_RCVTIMEO) for the first, then take what is there.
        // (After `Wake::wait_with` said the socket is readable, the first is there.)
        // SAFETY: `headers` holds `n` initialised entries pointing at live buffers.
        let got = unsafe {
            libc::recvmmsg(
                socket.as_raw_fd(),
                headers.as_mut_ptr(),
                n as libc::c_uint,
                libc::MSG_WAITFORONE,
                std::ptr::null_mut(),
            )
        };
        if got < 0 {
            return Err(io::Error::last_os_error());
        }
        for (h, name) in headers.iter().zip(&names).take(got as usize) {
            // A datagram larger than the buffer is cut (MSG_TRUNC): the parser refuses what is
            // cut, as it would a short datagram; the buffers are the largest a datagram can be.
            if let Some(from) = socket_addr(name) {
                self.datagrams.push((from, h.msg_len as usize));
            }
        }
        Ok(())
    }

    #[cfg(not(target_os = "linux"))]
    fn receive_many(&mut self, socket: &UdpSocket) -> io::Result<()> {
        let (len, from) = socket.recv_from(&mut self.buffers[0])?;
        self.datagrams.push((from, len));
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn socket_addr(name: &libc::sockaddr_storage) -> Option<SocketAddr> {
    match i32::from(name.ss_family) {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let a = unsafe { &*(name as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            Some(SocketAddr::from((u32::from_be(a.sin_addr.s_addr).to_be_bytes(), u16::from_be(a.sin_port))))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let a = unsafe { &*(name as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            Some(SocketAddr::V6(std::net::SocketAddrV6::new(
                a.sin6_addr.s6_addr.into(),
                u16::from_be(a.sin6_port),
                a.sin6_flowinfo,
                a.sin6_scope_id,
            )))
        }
        _ => None,
    }
}

/// A wake-up another thread can give a loop waiting on a socket (an eventfd): the event writer
/// telling the gatekeeper's loop that answers held back for their records may go.
pub struct Wake {
    #[cfg(target_os = "linux")]
    fd: std::os::fd::OwnedFd,
}

impl Wake {
    pub fn new() -> io::Result<Self> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::FromRawFd;
            // SAFETY: eventfd returns a new descriptor or -1; ownership passes to OwnedFd.
            let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: `fd` is a valid descriptor nobody else owns.
            Ok(Wake { fd: unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) } })
        }
        #[cfg(not(target_os = "linux"))]
        Ok(Wake {})
    }

    /// Wakes the waiting loop (or the next wait, if none is waiting now).
    pub fn wake(&self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let one: u64 = 1;
            // SAFETY: writes 8 bytes from a live u64. A full counter (never, in practice) only
            // means a wake-up is already pending.
            unsafe { libc::write(self.fd.as_raw_fd(), (&one as *const u64).cast(), 8) };
        }
    }

    /// Waits up to `wait` for `socket` to be readable or for a wake-up (which it clears): true
    /// when the socket is readable.
    fn wait_with(&self, socket: &UdpSocket, wait: std::time::Duration) -> io::Result<bool> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let mut fds = [
                libc::pollfd { fd: socket.as_raw_fd(), events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: self.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            ];
            let ms = wait.as_millis().clamp(0, i32::MAX as u128) as i32;
            // A wait below a millisecond is a millisecond: poll counts in them.
            let ms = if ms == 0 && !wait.is_zero() { 1 } else { ms };
            // SAFETY: `fds` is two valid pollfd entries.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
            if n < 0 {
                let e = io::Error::last_os_error();
                return if e.kind() == io::ErrorKind::Interrupted { Ok(false) } else { Err(e) };
            }
            if fds[1].revents != 0 {
                let mut count: u64 = 0;
                // SAFETY: reads 8 bytes into a live u64 (non-blocking; clears the counter).
                unsafe { libc::read(self.fd.as_raw_fd(), (&mut count as *mut u64).cast(), 8) };
            }
            Ok(fds[0].revents != 0)
        }
        #[cfg(not(target_os = "linux"))]
        {
            socket.set_read_timeout(Some(wait.max(std::time::Duration::from_millis(1))))?;
            Ok(true)
        }
    }
}

/// Sends each datagram to its address, many with one system call (`sendmmsg`). A datagram the
/// kernel refuses is logged and skipped; the others still go.
pub fn send_many(socket: &UdpSocket, datagrams: &[(SocketAddr, &[u8])]) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let mut rest = datagrams;
        while !rest.is_empty() {
            let chunk = &rest[..rest.len().min(SEND_BATCH)];
            let names: Vec<socket2::SockAddr> = chunk.iter().map(|(to, _)| socket2::SockAddr::from(*to)).collect();
            let mut iovecs: Vec<libc::iovec> = chunk
                .iter()
                .map(|(_, bytes)| libc::iovec { iov_base: bytes.as_ptr() as *mut libc::c_void, iov_len: bytes.len() })
                .collect();
            // SAFETY: all-zero is a valid mmsghdr; the pointers are into `names`, `iovecs` and
            // the callers' bytes, all alive and unmoved for the call; the kernel only reads them.
            let mut headers: Vec<libc::mmsghdr> = vec![unsafe { std::mem::zeroed() }; chunk.len()];
            for ((h, iov), name) in headers.iter_mut().zip(iovecs.iter_mut()).zip(&names) {
                h.msg_hdr.msg_name = name.as_ptr() as *mut libc::c_void;
                h.msg_hdr.msg_namelen = name.len();
                h.msg_hdr.msg_iov = iov;
                h.msg_hdr.msg_iovlen = 1;
            }
            // SAFETY: `headers` holds `chunk.len()` initialised entries.
            let sent =
                unsafe { libc::sendmmsg(socket.as_raw_fd(), headers.as_mut_ptr(), chunk.len() as libc::c_uint, 0) };
            let skip = if sent <= 0 {
                // The first of the chunk failed: say why, and go on after it.
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                tracing::warn!("send to {}: {e}", chunk[0].0);
                1
            } else {
                sent as usize
            };
            rest = &rest[skip..];
        }
    }
    #[cfg(not(target_os = "linux"))]
    for (to, bytes) in datagrams {
        if let Err(e) = socket.send_to(bytes, to) {
            tracing::warn!("send to {to}: {e}");
        }
    }
}

/// The most datagrams given to one `sendmmsg` (the kernel's UIO_MAXIOV is 1024).
const SEND_BATCH: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_datagrams_are_sent_and_received_with_their_addresses() {
        let server = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        server.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        let clients: Vec<UdpSocket> = (0..3).map(|_| UdpSocket::bind("127.0.0.1:0").unwrap()).collect();
        let to = server.local_addr().unwrap();
        for (i, c) in clients.iter().enumerate() {
            c.send_to(&vec![i as u8; 100 + i], to).unwrap();
        }
        let mut receiver = Receiver::new(8, 2048);
        let mut got = Vec::new();
        while got.len() < 3 {
            let n = receiver.receive(&server).unwrap().len();
            assert!(n > 0, "nothing arrived within the read timeout");
            got.extend((0..n).map(|i| (receiver.datagrams[i].0, receiver.bytes(i).to_vec())));
        }
        for (i, c) in clients.iter().enumerate() {
            let (from, bytes) = got.iter().find(|(f, _)| *f == c.local_addr().unwrap()).expect("each client's");
            assert_eq!((*from, bytes.clone()), (c.local_addr().unwrap(), vec![i as u8; 100 + i]));
        }
        // And back, with one call: each client gets its own.
        let answers: Vec<(SocketAddr, Vec<u8>)> =
            got.iter().map(|(f, b)| (*f, b.iter().map(|x| x + 1).collect())).collect();
        let borrowed: Vec<(SocketAddr, &[u8])> = answers.iter().map(|(f, b)| (*f, b.as_slice())).collect();
        send_many(&server, &borrowed);
        for (i, c) in clients.iter().enumerate() {
            c.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
            let mut buf = [0u8; 2048];
            let (n, from) = c.recv_from(&mut buf).unwrap();
            assert_eq!((from, &buf[..n]), (to, &vec![i as u8 + 1; 100 + i][..]));
        }
    }

    #[test]
    fn a_wake_up_ends_the_wait_with_no_datagram_and_is_cleared() {
        let server = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let wake = std::sync::Arc::new(Wake::new().unwrap());
        let mut receiver = Receiver::new(4, 64);
        let waker = {
            let wake = wake.clone();
            std::thread::spawn(move || wake.wake())
        };
        // Without the wake-up this waits a minute.
        let got = receiver.receive_or_wake(&server, &wake, std::time::Duration::from_secs(60)).unwrap().len();
        waker.join().unwrap();
        assert_eq!(got, 0);
        // Cleared: the next wait ends by its time, or by a datagram.
        let client = UdpSocket::bind("127.0.0.1:0").unwrap();
        client.send_to(b"ras", server.local_addr().unwrap()).unwrap();
        let got = receiver.receive_or_wake(&server, &wake, std::time::Duration::from_secs(60)).unwrap().len();
        assert_eq!((got, receiver.bytes(0)), (1, &b"ras"[..]));
    }

    #[test]
    fn a_wait_that_ends_first_reads_as_no_datagram() {
        let server = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        server.set_read_timeout(Some(std::time::Duration::from_millis(1))).unwrap();
        assert!(Receiver::new(4, 64).receive(&server).unwrap().is_empty());
    }
}
